/** A 32-bit avalanche mix (murmur3's finaliser): nearby inputs give unrelated outputs. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The seed of one independent stream of a simulation (one device, one identifier scheme...): a function
 * of the simulation seed and the stream's coordinates only, so any device can be generated on its own.
 */
export function deriveSeed(seed: number, ...coordinates: number[]): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const coordinate of coordinates) h = mix32(h ^ mix32(coordinate + 0x7f4a7c15));
  return h;
}
