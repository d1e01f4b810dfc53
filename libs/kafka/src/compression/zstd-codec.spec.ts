import { randomBytes } from 'node:crypto';
import { CompressionErrorCode } from './compression.exception';
import {
  compressedBatch,
  compressedBatchValues,
  failureCode,
  holdsValuesInOrder,
} from './compressed-batches.fixture';
import { decompressZstd, zstdCodec } from './zstd-codec';

describe('zstdCodec', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from(compressedBatchValues().join('\n'))],
    ['random bytes', randomBytes(300_000)],
  ])('round-trips %s', async (_name, input) => {
    const compressed = await zstdCodec.compress({ buffer: input });
    expect(compressed.readUInt32LE(0)).toBe(0xfd2fb528);
    expect((await zstdCodec.decompress(compressed)).equals(input)).toBe(true);
  });

  it.each(['kcat', 'java'] as const)(
    'reads the frames %s writes (no declared content size)',
    async (origin) => {
      const batch = compressedBatch(origin, 'zstd');
      expect(holdsValuesInOrder(await zstdCodec.decompress(batch), compressedBatchValues())).toBe(true);
    },
  );

  it('reads frames written back to back', async () => {
    const first = await zstdCodec.compress({ buffer: Buffer.from('one,') });
    const second = await zstdCodec.compress({ buffer: Buffer.from('two') });
    expect((await zstdCodec.decompress(Buffer.concat([first, second]))).toString()).toBe('one,two');
  });

  it('rejects corrupt input', async () => {
    const compressed = await zstdCodec.compress({ buffer: Buffer.from('x'.repeat(1000)) });
    await expect(zstdCodec.decompress(compressed.subarray(0, compressed.length - 4))).rejects.toMatchObject({
      code: CompressionErrorCode.CORRUPT,
    });
    await expect(zstdCodec.decompress(Buffer.from('not zstd at all'))).rejects.toMatchObject({
      code: CompressionErrorCode.CORRUPT,
    });
  });

  it('stops decompressing once past the limit, whatever the header says', async () => {
    const compressed = await zstdCodec.compress({ buffer: Buffer.alloc(2_000_000) });
    expect(failureCode(() => decompressZstd(compressed, 1_000_000))).toBe(CompressionErrorCode.TOO_LARGE);
  });
});
