import { compress, init } from '@bokuweb/zstd-wasm';
import { Decompress } from 'fzstd';
import { CompressionException } from './compression.exception';
import { asBuffer, KafkaCodec, MAX_DECOMPRESSED_BATCH_BYTES, settle } from './kafka-codec';

const CODEC = 'zstd';
/** zstd's own default, and librdkafka's when `compression.level` is left unset. */
const COMPRESSION_LEVEL = 3;

let wasmReady: Promise<void> | undefined;

function compressorReady(): Promise<void> {
  wasmReady ??= init().catch((error: unknown) => {
    wasmReady = undefined;
    throw error;
  });
  return wasmReady;
}

/**
 * Streamed so that frames without a declared size (librdkafka writes its frames with the streaming
 * API, which leaves the size out) decode too, and so `limit` holds whatever a header claims.
 */
export function decompressZstd(compressed: Buffer, limit = MAX_DECOMPRESSED_BATCH_BYTES): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > limit) throw CompressionException.tooLarge(CODEC, total, limit);
    // The decoder reuses its window memory: keep a copy.
    chunks.push(Buffer.from(chunk));
  });
  try {
    stream.push(compressed, true);
  } catch (error) {
    if (error instanceof CompressionException) throw error;
    throw CompressionException.corrupt(CODEC, (error as Error).message);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Decompression with fzstd (pure JavaScript); compression with the reference zstd compiled to
 * WebAssembly (@bokuweb/zstd-wasm), loaded on first use. Neither needs a native build.
 */
export const zstdCodec: KafkaCodec = {
  compress: async (encoder) => {
    await compressorReady();
    return asBuffer(compress(encoder.buffer, COMPRESSION_LEVEL));
  },
  decompress: (buffer) => settle(() => decompressZstd(buffer)),
};
