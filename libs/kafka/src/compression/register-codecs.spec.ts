import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { gzipCodec } from './gzip-codec';
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
    expect(CompressionCodecs[CompressionTypes.Snappy]()).toBe(snappyCodec);
    expect(CompressionCodecs[CompressionTypes.LZ4]()).toBe(lz4Codec);
    expect(CompressionCodecs[CompressionTypes.ZSTD]()).toBe(zstdCodec);
    expect(CompressionCodecs[CompressionTypes.GZIP]()).toBe(gzipCodec);
    expect(gzipCodec).not.toBe(shippedGzip);
  });
});
