import { createHash } from 'node:crypto';

/**
 * A verifier's reproducible sample of a batch's lines: anyone holding the seed and the line ids (the
 * evidence CSV lists them) draws the same lines, so a sample can be named in a verification report and
 * re-drawn later. Each line's key is sha256(`${seed}\n${changeId}`); a stratum takes its lines with the
 * smallest keys. Strata are the line kinds, so reversals are sampled even when credits dominate.
 */
export const SAMPLE_KINDS = ['credit', 'reversal'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

export interface SampleCandidate {
  changeId: string;
  kind: SampleKind;
}

export interface SampleStratum {
  kind: SampleKind;
  population: number;
  drawn: number;
}

export interface EvidenceSample<T extends SampleCandidate> {
  strata: SampleStratum[];
  /** Stratum by stratum (credit, then reversal), each by ascending key. */
  lines: T[];
}

export function sampleKey(seed: string, changeId: string): string {
  return createHash('sha256').update(`${seed}\n${changeId}`).digest('hex');
}

export function drawEvidenceSample<T extends SampleCandidate>(
  seed: string,
  size: number,
  lines: readonly T[],
): EvidenceSample<T> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`sample size must be a positive integer`);
  const strata = SAMPLE_KINDS.map((kind) => ({
    kind,
    members: lines
      .filter((line) => line.kind === kind)
      .map((line) => ({ line, key: sampleKey(seed, line.changeId) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  }));
  const allocation = allocate(
    size,
    strata.map((stratum) => stratum.members.length),
  );
  return {
    strata: strata.map((stratum, i) => ({
      kind: stratum.kind,
      population: stratum.members.length,
      drawn: allocation[i],
    })),
    lines: strata.flatMap((stratum, i) => stratum.members.slice(0, allocation[i]).map((m) => m.line)),
  };
}

/**
 * Proportional allocation of `size` over strata of the given populations, by largest remainder (ties to
 * the earlier stratum). A size at least the whole population takes everything; otherwise each non-empty
 * stratum gets at least one line when size allows one per non-empty stratum, taken from the strata with
 * the most lines drawn (a stratum never exceeds its population).
 */
export function allocate(size: number, populations: readonly number[]): number[] {
  const total = populations.reduce((sum, n) => sum + n, 0);
  if (size >= total) return [...populations];
  const quotas = populations.map((n) => (size * n) / total);
  const counts = quotas.map(Math.floor);
  const byRemainder = quotas
    .map((quota, i) => ({ i, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  let left = size - counts.reduce((sum, n) => sum + n, 0);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    counts[i] += 1;
    left -= 1;
  }
  const nonEmpty = populations.filter((n) => n > 0).length;
  if (size >= nonEmpty) {
    for (let i = 0; i < counts.length; i++) {
      if (populations[i] === 0 || counts[i] > 0) continue;
      // Take the line from the stratum drawing the most (it has more than one, since size >= nonEmpty).
      const donor = counts.reduce((best, n, j) => (n > counts[best] ? j : best), 0);
      counts[donor] -= 1;
      counts[i] += 1;
    }
  }
  return counts;
}
