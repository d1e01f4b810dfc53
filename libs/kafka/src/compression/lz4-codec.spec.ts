import { randomBytes } from 'node:crypto';
import { compress as lz4jsCompress } from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32';
import { CompressionErrorCode } from './compression.exception';
import {
  compressedBatch,
  compressedBatchValues,
  failureCode,
  holdsValuesInOrder,
} from './compressed-batches.fixture';
import { lz4Codec } from './lz4-codec';
import { decodeLz4Frames } from './lz4-frame-decoder';
import { encodeLz4Frame } from './lz4-frame-encoder';

const text = Buffer.from(compressedBatchValues().join('\n'));

/** The frame's blocks re-emitted with optional frame features, with placeholder checksums. */
function withFrameOptions(frame: Buffer, options: { blockChecksums: boolean; contentSize: number }): Buffer {
  const header = Buffer.alloc(15);
  frame.copy(header, 0, 0, 6);
  header[4] |= 0x08 | 0x04 | (options.blockChecksums ? 0x10 : 0);
  header.writeBigUInt64LE(BigInt(options.contentSize), 6);
  header[14] = (xxh32(0, header, 4, 10) >> 8) & 0xff;
  const parts: Buffer[] = [header];
  for (let offset = 7; ;) {
    const word = frame.readUInt32LE(offset);
    const size = (word & 0x7fffffff) >>> 0;
    parts.push(frame.subarray(offset, offset + 4 + size));
    offset += 4 + size;
    if (word === 0) break;
    if (options.blockChecksums) parts.push(Buffer.from([1, 2, 3, 4]));
  }
  parts.push(Buffer.from([5, 6, 7, 8]));
  return Buffer.concat(parts);
}

describe('lz4Codec', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['short', Buffer.from('hello')],
    ['text spanning several 64 KB blocks', text],
    ['random bytes (stored blocks)', randomBytes(150_000)],
  ])('round-trips %s', async (_name, input) => {
    const compressed = await lz4Codec.compress({ buffer: input });
    expect((await lz4Codec.decompress(compressed)).equals(input)).toBe(true);
  });

  it('writes what Kafka accepts: version 01, independent 64 KB blocks, a valid header checksum', () => {
    const frame = encodeLz4Frame(text);
    expect(frame.readUInt32LE(0)).toBe(0x184d2204);
    expect(frame[4]).toBe(0x60);
    expect(frame[5]).toBe(0x40);
    expect(frame[6]).toBe((xxh32(0, frame, 4, 2) >> 8) & 0xff);
    expect(frame.subarray(-4).readUInt32LE(0)).toBe(0);
  });

  it.each(['kcat', 'java'] as const)('reads the LZ4 frames %s writes', async (origin) => {
    const batch = compressedBatch(origin, 'lz4');
    expect(holdsValuesInOrder(await lz4Codec.decompress(batch), compressedBatchValues())).toBe(true);
  });

  it("reads lz4js's own frames, whose blocks are linked", async () => {
    const frame = Buffer.from(lz4jsCompress(text));
    expect(frame[4] & 0x20).toBe(0);
    expect((await lz4Codec.decompress(frame)).equals(text)).toBe(true);
  });

  it('reads frames with content size, content checksum and block checksums (after each block)', () => {
    for (const blockChecksums of [false, true]) {
      const frame = withFrameOptions(encodeLz4Frame(text), { blockChecksums, contentSize: text.length });
      expect(decodeLz4Frames(frame).equals(text)).toBe(true);
    }
  });

  it('reads frames written back to back', () => {
    const frames = Buffer.concat([encodeLz4Frame(Buffer.from('one,')), encodeLz4Frame(Buffer.from('two'))]);
    expect(decodeLz4Frames(frames).toString()).toBe('one,two');
  });

  it.each([
    ['a bad magic number', (frame: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, 0]), frame.subarray(4)])],
    ['a truncated frame', (frame: Buffer) => frame.subarray(0, frame.length - 10)],
    [
      'an unsupported version',
      (frame: Buffer) => Buffer.concat([frame.subarray(0, 4), Buffer.from([0x80]), frame.subarray(5)]),
    ],
  ])('rejects %s as corrupt', async (_name, damage) => {
    await expect(lz4Codec.decompress(damage(encodeLz4Frame(text)))).rejects.toMatchObject({
      code: CompressionErrorCode.CORRUPT,
    });
  });

  it('refuses to decompress beyond the limit', () => {
    expect(failureCode(() => decodeLz4Frames(encodeLz4Frame(Buffer.alloc(200_000)), 100_000))).toBe(
      CompressionErrorCode.TOO_LARGE,
    );
  });
});
