/** Nearest-rank percentile (p in 0..100) of a sample; undefined for an empty sample. */
export function percentile(sample: readonly number[], p: number): number | undefined {
  if (sample.length === 0) return undefined;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
