import { createHash } from 'node:crypto';
import { allocate, drawEvidenceSample, sampleKey, SampleCandidate } from './evidence-sample';

function population(credits: number, reversals: number): SampleCandidate[] {
  return [
    ...Array.from({ length: credits }, (_, i) => ({ changeId: `c-${i}`, kind: 'credit' as const })),
    ...Array.from({ length: reversals }, (_, i) => ({ changeId: `r-${i}`, kind: 'reversal' as const })),
  ];
}

describe('evidence sample', () => {
  it('keys a line by sha256 of seed, newline, change id', () => {
    expect(sampleKey('seed-1', 'c-0')).toBe(createHash('sha256').update('seed-1\nc-0').digest('hex'));
    expect(sampleKey('seed-1', 'c-0')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('allocates proportionally by largest remainder', () => {
    expect(allocate(10, [90, 10])).toEqual([9, 1]);
    expect(allocate(5, [7, 3])).toEqual([4, 1]); // 3.5 / 1.5: tie goes to the first stratum
    expect(allocate(3, [50, 50])).toEqual([2, 1]);
    expect(allocate(4, [1, 0])).toEqual([1, 0]);
  });

  it('gives each non-empty stratum a line once size allows it', () => {
    expect(allocate(5, [999, 1])).toEqual([4, 1]);
    expect(allocate(2, [999, 1])).toEqual([1, 1]);
    // One line for two non-empty strata: proportional only.
    expect(allocate(1, [999, 1])).toEqual([1, 0]);
    expect(allocate(3, [0, 10])).toEqual([0, 3]);
  });

  it('takes the whole population when size reaches it', () => {
    expect(allocate(12, [7, 5])).toEqual([7, 5]);
    expect(allocate(1000, [7, 5])).toEqual([7, 5]);
    const all = population(3, 2);
    const sample = drawEvidenceSample('s', 10, all);
    expect(sample.lines).toHaveLength(5);
    expect(sample.strata).toEqual([
      { kind: 'credit', population: 3, drawn: 3 },
      { kind: 'reversal', population: 2, drawn: 2 },
    ]);
  });

  it('is reproducible from the seed, whatever the input order, and ordered by stratum then key', () => {
    const lines = population(40, 8);
    const first = drawEvidenceSample('audit-2026', 12, lines);
    const again = drawEvidenceSample('audit-2026', 12, [...lines].reverse());
    expect(again).toEqual(first);
    expect(first.strata).toEqual([
      { kind: 'credit', population: 40, drawn: 10 },
      { kind: 'reversal', population: 8, drawn: 2 },
    ]);
    const kinds = first.lines.map((line) => line.kind);
    expect(kinds).toEqual([...Array(10).fill('credit'), 'reversal', 'reversal']);
    const keys = (kind: string) =>
      first.lines.filter((l) => l.kind === kind).map((l) => sampleKey('audit-2026', l.changeId));
    for (const kind of ['credit', 'reversal']) expect(keys(kind)).toEqual([...keys(kind)].sort());
    // The credit stratum holds exactly the smallest keys of its population.
    const smallest = lines
      .filter((l) => l.kind === 'credit')
      .map((l) => sampleKey('audit-2026', l.changeId))
      .sort()
      .slice(0, 10);
    expect(keys('credit')).toEqual(smallest);
  });

  it('draws other lines under another seed', () => {
    const lines = population(200, 0);
    const a = drawEvidenceSample('seed-a', 10, lines).lines.map((l) => l.changeId);
    const b = drawEvidenceSample('seed-b', 10, lines).lines.map((l) => l.changeId);
    expect(a).not.toEqual(b);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => drawEvidenceSample('s', 0, [])).toThrow(RangeError);
    expect(() => drawEvidenceSample('s', 1.5, [])).toThrow(RangeError);
  });
});
