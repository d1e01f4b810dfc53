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
 * headers declare the output size, so a forged header could otherwise make a tiny message claim
 * gigabytes; a real batch (at most `max.message.bytes`, 1 MB by default, compressed) stays far below.
 */
export const MAX_DECOMPRESSED_BATCH_BYTES = 256 * 1024 * 1024;

/** A Buffer over the same memory, without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Runs synchronous codec work so that a throw becomes a rejected promise, as kafkajs expects. */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
