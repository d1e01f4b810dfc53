/** The buffer kafkajs hands a codec to compress (its protocol `Encoder`). */
export interface EncodedRecords {
  buffer: Buffer;
}

/** What kafkajs expects a `CompressionCodecs` factory to return. */
export interface KafkaCodec {
  compress(encoder: EncodedRecords): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

/**
 * Decompressed size of one record batch beyond which we refuse to allocate. Snappy, LZ4 and zstd
 * headers declare the output size and gzip inflates without one, so a tiny message could otherwise
 * claim gigabytes. A real batch is at most `max.message.bytes` (1 MB by default) compressed, and JSON
 * events compress about 5 to 10 times; 32 MiB leaves room for that while staying well below a
 * service's 192 MB heap, even with a few partitions' batches decompressed at once.
 */
export const MAX_DECOMPRESSED_BATCH_BYTES = 32 * 1024 * 1024;

/** A Buffer over the same memory, without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Runs synchronous codec work so that a throw becomes a rejected promise, as kafkajs expects. */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
