/** Constants of the LZ4 frame format (lz4_Frame_format.md), the one Kafka's record batches v2 use. */
export const LZ4_FRAME_MAGIC = 0x184d2204;
export const LZ4_VERSION_MASK = 0xc0;
export const LZ4_VERSION_01 = 0x40;
export const LZ4_FLAG_BLOCK_INDEPENDENCE = 0x20;
export const LZ4_FLAG_BLOCK_CHECKSUM = 0x10;
export const LZ4_FLAG_CONTENT_SIZE = 0x08;
export const LZ4_FLAG_CONTENT_CHECKSUM = 0x04;
export const LZ4_FLAG_DICTIONARY_ID = 0x01;
/** High bit of a block's size word: the block is stored, not compressed. */
export const LZ4_UNCOMPRESSED_BLOCK = 0x80000000;
/** Block maximum size by the BD byte's 3-bit index. */
export const LZ4_BLOCK_MAX_SIZES: Readonly<Record<number, number>> = {
  4: 64 * 1024,
  5: 256 * 1024,
  6: 1024 * 1024,
  7: 4 * 1024 * 1024,
};
export const LZ4_BLOCK_SIZE_64KB = 4;
