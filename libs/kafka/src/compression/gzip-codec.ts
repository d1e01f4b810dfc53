import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { CompressionException } from './compression.exception';
import { KafkaCodec, MAX_DECOMPRESSED_BATCH_BYTES } from './kafka-codec';

const CODEC = 'gzip';
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * kafkajs's own gzip codec inflates without an output limit: a few kilobytes of gzip can claim
 * gigabytes and take a 192 MB service down. This one stops at `limit`, as the other codecs do.
 */
export async function gunzipBounded(
  compressed: Buffer,
  limit = MAX_DECOMPRESSED_BATCH_BYTES,
): Promise<Buffer> {
  try {
    return await gunzipAsync(compressed, { maxOutputLength: limit });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw CompressionException.tooLarge(CODEC, limit + 1, limit);
    }
    throw CompressionException.corrupt(CODEC, (error as Error).message);
  }
}

export const gzipCodec: KafkaCodec = {
  compress: (encoder) => gzipAsync(encoder.buffer),
  decompress: (buffer) => gunzipBounded(buffer),
};
