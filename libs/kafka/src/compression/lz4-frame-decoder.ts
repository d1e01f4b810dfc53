import { decompressBlock } from 'lz4js';
import { CompressionException } from './compression.exception';
import { MAX_DECOMPRESSED_BATCH_BYTES } from './kafka-codec';
import {
  LZ4_BLOCK_MAX_SIZES,
  LZ4_FLAG_BLOCK_CHECKSUM,
  LZ4_FLAG_CONTENT_CHECKSUM,
  LZ4_FLAG_CONTENT_SIZE,
  LZ4_FLAG_DICTIONARY_ID,
  LZ4_FRAME_MAGIC,
  LZ4_UNCOMPRESSED_BLOCK,
  LZ4_VERSION_01,
  LZ4_VERSION_MASK,
} from './lz4-frame-format';

const CODEC = 'lz4';

interface Block {
  start: number;
  size: number;
  compressed: boolean;
  maxSize: number;
}

function corrupt(detail: string): CompressionException {
  return CompressionException.corrupt(CODEC, detail);
}

function need(bytes: Buffer, offset: number, count: number): void {
  if (offset + count > bytes.length) throw corrupt('truncated frame');
}

/** Reads one frame's header and block table into `blocks`; returns the offset after the frame. */
function scanFrame(bytes: Buffer, start: number, blocks: Block[]): number {
  let offset = start;
  need(bytes, offset, 7);
  if (bytes.readUInt32LE(offset) !== LZ4_FRAME_MAGIC) throw corrupt('not an LZ4 frame (bad magic number)');
  const flags = bytes[offset + 4];
  const maxSize = LZ4_BLOCK_MAX_SIZES[(bytes[offset + 5] >> 4) & 0x07];
  if ((flags & LZ4_VERSION_MASK) !== LZ4_VERSION_01) throw corrupt('unsupported LZ4 frame version');
  if (flags & LZ4_FLAG_DICTIONARY_ID) throw corrupt('LZ4 dictionaries are not used by Kafka');
  if (maxSize === undefined) throw corrupt('invalid block maximum size');
  // The header checksum is not verified: Kafka's old message formats wrote a wrong one (KAFKA-3160).
  offset += 6 + (flags & LZ4_FLAG_CONTENT_SIZE ? 8 : 0) + 1;
  const blockChecksumBytes = flags & LZ4_FLAG_BLOCK_CHECKSUM ? 4 : 0;
  for (;;) {
    need(bytes, offset, 4);
    const word = bytes.readUInt32LE(offset);
    offset += 4;
    if (word === 0) break;
    const size = (word & ~LZ4_UNCOMPRESSED_BLOCK) >>> 0;
    const compressed = (word & LZ4_UNCOMPRESSED_BLOCK) === 0;
    if (size > maxSize) throw corrupt('block larger than the frame allows');
    need(bytes, offset, size + blockChecksumBytes);
    blocks.push({ start: offset, size, compressed, maxSize });
    offset += size + blockChecksumBytes;
  }
  return offset + (flags & LZ4_FLAG_CONTENT_CHECKSUM ? 4 : 0);
}

/**
 * Decodes LZ4 frames, one or several back to back, with lz4js's block decoder. lz4js's own frame
 * reader expects a block checksum before the block instead of after it, so frames are parsed here;
 * checksums are skipped (Kafka's CRC covers the whole batch). Never produces more than `limit` bytes.
 */
export function decodeLz4Frames(bytes: Buffer, limit = MAX_DECOMPRESSED_BATCH_BYTES): Buffer {
  const blocks: Block[] = [];
  for (let offset = 0; offset < bytes.length;) offset = scanFrame(bytes, offset, blocks);
  const bound = blocks.reduce((sum, block) => sum + (block.compressed ? block.maxSize : block.size), 0);
  // Zero-filled: a corrupt block must not copy stale memory into the output.
  const output = Buffer.alloc(Math.min(bound, limit));
  let written = 0;
  for (const block of blocks) {
    // Linked (dependent) blocks refer back into earlier output, so all decode into one buffer.
    const end = block.compressed
      ? decompressBlock(bytes, output, block.start, block.size, written)
      : written + bytes.copy(output, written, block.start, block.start + block.size);
    if (end - written > block.maxSize) throw corrupt('block decodes beyond the frame block size');
    if (end > output.length) throw CompressionException.tooLarge(CODEC, end, limit);
    written = end;
  }
  return output.subarray(0, written);
}
