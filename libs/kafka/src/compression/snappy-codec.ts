import { compress, uncompress } from 'snappyjs';
import { CompressionException } from './compression.exception';
import { asBuffer, KafkaCodec, MAX_DECOMPRESSED_BATCH_BYTES, settle } from './kafka-codec';

const CODEC = 'snappy';
/** Header of snappy-java's stream format: magic, then version and minimum compatible version (int32 BE each). */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_BYTES = XERIAL_MAGIC.length + 8;
const CHUNK_LENGTH_BYTES = 4;

/** One raw snappy block, when `alreadyOut` bytes of the batch are decompressed already. */
function uncompressBlock(block: Buffer, limit: number, alreadyOut = 0): Buffer {
  try {
    // snappyjs checks the declared length against the budget before allocating anything.
    return asBuffer(uncompress(block, limit - alreadyOut));
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes('too big')) throw CompressionException.tooLarge(CODEC, limit + 1, limit);
    throw CompressionException.corrupt(CODEC, message);
  }
}

function uncompressXerial(framed: Buffer, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (let offset = XERIAL_HEADER_BYTES; offset < framed.length;) {
    if (offset + CHUNK_LENGTH_BYTES > framed.length)
      throw CompressionException.corrupt(CODEC, 'truncated chunk');
    const length = framed.readUInt32BE(offset);
    offset += CHUNK_LENGTH_BYTES;
    if (offset + length > framed.length) throw CompressionException.corrupt(CODEC, 'truncated chunk');
    const chunk = uncompressBlock(framed.subarray(offset, offset + length), limit, total);
    chunks.push(chunk);
    total += chunk.length;
    offset += length;
  }
  return Buffer.concat(chunks, total);
}

/** snappy-java's stream framing, which the Java client writes: a header, then [int32 length][snappy] chunks. */
export function isXerialFramed(bytes: Buffer): boolean {
  return bytes.length >= XERIAL_HEADER_BYTES && bytes.subarray(0, XERIAL_MAGIC.length).equals(XERIAL_MAGIC);
}

/** Raw or snappy-java-framed snappy, refusing to produce more than `limit` bytes. */
export function uncompressSnappy(compressed: Buffer, limit = MAX_DECOMPRESSED_BATCH_BYTES): Buffer {
  return isXerialFramed(compressed)
    ? uncompressXerial(compressed, limit)
    : uncompressBlock(compressed, limit);
}

/**
 * Kafka's snappy comes in two shapes: librdkafka (kcat, confluent-kafka-*) writes raw snappy in
 * record batches v2, while the Java client wraps it in snappy-java's framing. Both are read; we
 * write raw snappy like librdkafka, which the Java client reads too (snappy-java falls back to raw).
 */
export const snappyCodec: KafkaCodec = {
  compress: (encoder) => settle(() => asBuffer(compress(encoder.buffer))),
  decompress: (buffer) => settle(() => uncompressSnappy(buffer)),
};
