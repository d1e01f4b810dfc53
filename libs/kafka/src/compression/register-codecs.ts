import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { gzipCodec } from './gzip-codec';
import { KafkaCodec } from './kafka-codec';
import { lz4Codec } from './lz4-codec';
import { snappyCodec } from './snappy-codec';
import { withUndecodableStandIns } from './undecodable-batch';
import { zstdCodec } from './zstd-codec';

/**
 * The codecs kafkajs lacks (it ships gzip only), and a gzip bounded like them; each turns a batch it
 * cannot decompress into stand-in records that the batch consumer dead-letters (undecodable-batch.ts).
 */
const REGISTERED_CODECS: ReadonlyMap<CompressionTypes, KafkaCodec> = new Map([
  [CompressionTypes.GZIP, withUndecodableStandIns('gzip', gzipCodec)],
  [CompressionTypes.Snappy, withUndecodableStandIns('snappy', snappyCodec)],
  [CompressionTypes.LZ4, withUndecodableStandIns('lz4', lz4Codec)],
  [CompressionTypes.ZSTD, withUndecodableStandIns('zstd', zstdCodec)],
]);

/**
 * Registers snappy, LZ4, zstd and a bounded gzip on kafkajs's process-wide codec table, so every client of the
 * process (services, tools, tests) reads whatever partners' producers compress with. Idempotent.
 */
export function registerCompressionCodecs(): void {
  const table = CompressionCodecs as Record<CompressionTypes, () => KafkaCodec>;
  for (const [type, codec] of REGISTERED_CODECS) table[type] = () => codec;
}
