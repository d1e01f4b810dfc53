import { gzipSync } from 'node:zlib';
import { gunzipBounded, gzipCodec } from './gzip-codec';
import { MAX_DECOMPRESSED_BATCH_BYTES } from './kafka-codec';

describe('gzip codec', () => {
  it('round-trips a record batch', async () => {
    const records = Buffer.from(JSON.stringify({ specversion: '1.0', id: 'e-1' }).repeat(100));
    expect(await gzipCodec.decompress(await gzipCodec.compress({ buffer: records }))).toEqual(records);
  });

  it('refuses a bomb: a small input that would inflate past the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(gunzipBounded(bomb, 1024 * 1024)).rejects.toMatchObject({
      code: 'KAFKA.DECOMPRESSED_BATCH_TOO_LARGE',
    });
  });

  it('refuses bytes that are not gzip as corrupt', async () => {
    await expect(gzipCodec.decompress(Buffer.from('not gzip'))).rejects.toMatchObject({
      code: 'KAFKA.CORRUPT_COMPRESSED_BATCH',
    });
  });

  it('bounds every batch well below a service heap of 192 MB', () => {
    expect(MAX_DECOMPRESSED_BATCH_BYTES).toBeLessThanOrEqual(32 * 1024 * 1024);
  });
});
