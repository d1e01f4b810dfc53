// lz4js ships its xxHash32 without typings (@types/lz4js covers the main module only).
declare module 'lz4js/xxh32' {
  /** xxHash32 of `src[index, index + length)`. */
  export function hash(seed: number, src: Uint8Array, index: number, length: number): number;
}
