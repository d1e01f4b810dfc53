import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { gzipSync } from 'node:zlib';
import { gzipCodec } from './gzip-codec';
import { KafkaCodec } from './kafka-codec';
import { lz4Codec } from './lz4-codec';
import { snappyCodec } from './snappy-codec';
import { zstdCodec } from './zstd-codec';

describe('registerCompressionCodecs', () => {
  it('is done by loading createKafka, replacing the unbounded gzip kafkajs ships with a bounded one', async () => {
    const shippedGzip: unknown = CompressionCodecs[CompressionTypes.GZIP]();
    expect(() => {
      CompressionCodecs[CompressionTypes.Snappy]();
    }).toThrow(/not implemented/);
    await import('../create-kafka');
    const records = Buffer.from('{"specversion":"1.0"}'.repeat(200));
    for (const [type, codec] of [
      [CompressionTypes.GZIP, gzipCodec],
      [CompressionTypes.Snappy, snappyCodec],
      [CompressionTypes.LZ4, lz4Codec],
      [CompressionTypes.ZSTD, zstdCodec],
    ] as const) {
      const registered = CompressionCodecs[type]() as KafkaCodec;
      expect(await registered.decompress(await codec.compress({ buffer: records }))).toEqual(records);
    }
    expect(CompressionCodecs[CompressionTypes.GZIP]()).not.toBe(shippedGzip);
    // A bomb outside any record batch is refused as such (kafkajs's own gzip would inflate it).
    const gzip = CompressionCodecs[CompressionTypes.GZIP]() as KafkaCodec;
    await expect(gzip.decompress(gzipSync(Buffer.alloc(40 * 1024 * 1024)))).rejects.toMatchObject({
      code: 'KAFKA.DECOMPRESSED_BATCH_TOO_LARGE',
    });
  });
});
