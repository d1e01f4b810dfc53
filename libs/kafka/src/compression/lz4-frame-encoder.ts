import { compressBlock, compressBound } from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32';
import {
  LZ4_BLOCK_MAX_SIZES,
  LZ4_BLOCK_SIZE_64KB,
  LZ4_FLAG_BLOCK_INDEPENDENCE,
  LZ4_FRAME_MAGIC,
  LZ4_UNCOMPRESSED_BLOCK,
  LZ4_VERSION_01,
} from './lz4-frame-format';

const BLOCK_SIZE = LZ4_BLOCK_MAX_SIZES[LZ4_BLOCK_SIZE_64KB];
const HASH_TABLE_SIZE = 1 << 16;

function frameHeader(): Buffer {
  const header = Buffer.alloc(7);
  header.writeUInt32LE(LZ4_FRAME_MAGIC, 0);
  header[4] = LZ4_VERSION_01 | LZ4_FLAG_BLOCK_INDEPENDENCE;
  header[5] = LZ4_BLOCK_SIZE_64KB << 4;
  header[6] = (xxh32(0, header, 4, 2) >> 8) & 0xff;
  return header;
}

function sizeWord(size: number, compressed: boolean): Buffer {
  const word = Buffer.alloc(4);
  word.writeUInt32LE(compressed ? size : (size | LZ4_UNCOMPRESSED_BLOCK) >>> 0, 0);
  return word;
}

/**
 * One LZ4 frame of independent 64 KB blocks, what Kafka's Java client and librdkafka write. The
 * broker and the Java client refuse linked blocks ("Dependent block stream is unsupported"), which is
 * all lz4js's own frame writer produces, so frames are assembled here from lz4js's block compressor
 * with a fresh match table per block.
 */
export function encodeLz4Frame(input: Buffer): Buffer {
  const parts: Buffer[] = [frameHeader()];
  const scratch = Buffer.alloc(compressBound(BLOCK_SIZE));
  const table = new Uint32Array(HASH_TABLE_SIZE);
  for (let start = 0; start < input.length; start += BLOCK_SIZE) {
    const size = Math.min(BLOCK_SIZE, input.length - start);
    table.fill(0);
    const compressedSize = compressBlock(input, scratch, start, size, table);
    const compressed = compressedSize > 0 && compressedSize < size;
    parts.push(sizeWord(compressed ? compressedSize : size, compressed));
    // The scratch buffer is reused by the next block: copy out of it.
    parts.push(
      compressed ? Buffer.from(scratch.subarray(0, compressedSize)) : input.subarray(start, start + size),
    );
  }
  parts.push(sizeWord(0, true));
  return Buffer.concat(parts);
}
