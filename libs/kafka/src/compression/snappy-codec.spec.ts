import { randomBytes } from 'node:crypto';
import { compress } from 'snappyjs';
import { CompressionErrorCode } from './compression.exception';
import {
  compressedBatch,
  compressedBatchValues,
  failureCode,
  holdsValuesInOrder,
} from './compressed-batches.fixture';
import { isXerialFramed, snappyCodec, uncompressSnappy } from './snappy-codec';

function xerialFramed(chunks: Buffer[]): Buffer {
  const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]);
  const framed = chunks.flatMap((chunk) => {
    const compressed = Buffer.from(compress(chunk));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(compressed.length);
    return [length, compressed];
  });
  return Buffer.concat([header, ...framed]);
}

describe('snappyCodec', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['text', Buffer.from('{"id":"e-1","type":"device.collected"}'.repeat(50))],
    ['random bytes', randomBytes(200_000)],
  ])('round-trips %s', async (_name, input) => {
    const compressed = await snappyCodec.compress({ buffer: input });
    expect(isXerialFramed(compressed)).toBe(false);
    expect((await snappyCodec.decompress(compressed)).equals(input)).toBe(true);
  });

  it('reads the raw snappy that librdkafka (kcat) writes in record batches v2', async () => {
    const batch = compressedBatch('kcat', 'snappy');
    expect(isXerialFramed(batch)).toBe(false);
    expect(holdsValuesInOrder(await snappyCodec.decompress(batch), compressedBatchValues())).toBe(true);
  });

  it("reads the snappy-java framing that Kafka's Java side writes", async () => {
    const batch = compressedBatch('java', 'snappy');
    expect(isXerialFramed(batch)).toBe(true);
    expect(holdsValuesInOrder(await snappyCodec.decompress(batch), compressedBatchValues())).toBe(true);
  });

  it('concatenates the chunks of a framed stream', async () => {
    const parts = [Buffer.from('first chunk '), randomBytes(5000), Buffer.from(' last')];
    const decompressed = await snappyCodec.decompress(xerialFramed(parts));
    expect(decompressed.equals(Buffer.concat(parts))).toBe(true);
  });

  it('rejects garbage and truncated frames as corrupt', async () => {
    await expect(
      snappyCodec.decompress(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x0f])),
    ).rejects.toMatchObject({
      code: CompressionErrorCode.CORRUPT,
    });
    const framed = xerialFramed([Buffer.from('some text that compresses')]);
    await expect(snappyCodec.decompress(framed.subarray(0, framed.length - 3))).rejects.toMatchObject({
      code: CompressionErrorCode.CORRUPT,
    });
  });

  it('refuses to decompress beyond the limit, before allocating', () => {
    const compressed = Buffer.from(compress(Buffer.alloc(10_000)));
    expect(failureCode(() => uncompressSnappy(compressed, 9_999))).toBe(CompressionErrorCode.TOO_LARGE);
    expect(
      failureCode(() => uncompressSnappy(xerialFramed([Buffer.alloc(6000), Buffer.alloc(6000)]), 10_000)),
    ).toBe(CompressionErrorCode.TOO_LARGE);
  });
});
