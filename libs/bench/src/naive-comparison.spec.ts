import { compareOutcomes, CreditedCycle, TrackerOutcome } from './naive-comparison';

const cycle = (cycleId: string, change: Partial<CreditedCycle> = {}): CreditedCycle => ({
  cycleId,
  projectId: 'FR-01',
  vintage: 2025,
  avoidedG: 46_362,
  fingerprint: `sha256:${cycleId}`,
  ...change,
});

const outcome = (credits: CreditedCycle[], change: Partial<TrackerOutcome> = {}): TrackerOutcome => ({
  events: 100,
  refused: 3,
  credits,
  ...change,
});

describe('compareOutcomes', () => {
  it('finds identical outcomes identical, whatever the order of the credits', () => {
    const credits = [cycle('a'), cycle('b', { vintage: 2026 }), cycle('c', { projectId: 'DE-01' })];
    const comparison = compareOutcomes(outcome(credits), outcome([...credits].reverse()));

    expect(comparison.identical).toBe(true);
    expect(comparison.differingCycles).toBe(0);
    expect(comparison.byProjectVintage.map((row) => [row.projectId, row.vintage, row.real])).toEqual([
      ['DE-01', 2025, { cycles: 1, avoidedG: 46_362 }],
      ['FR-01', 2025, { cycles: 1, avoidedG: 46_362 }],
      ['FR-01', 2026, { cycles: 1, avoidedG: 46_362 }],
    ]);
  });

  it('names cycles credited by one side only or with another figure or evidence', () => {
    const real = outcome([cycle('a'), cycle('b'), cycle('c'), cycle('d')]);
    const naive = outcome([
      cycle('a'),
      cycle('b', { avoidedG: 40_000 }),
      cycle('c', { fingerprint: 'sha256:other' }),
      cycle('e'),
    ]);

    const comparison = compareOutcomes(real, naive);

    expect(comparison.identical).toBe(false);
    expect(comparison.differingCycles).toBe(4);
    expect(comparison.differingExamples).toEqual(['b', 'c', 'd', 'e']);
    expect(comparison.byProjectVintage).toEqual([
      {
        projectId: 'FR-01',
        vintage: 2025,
        real: { cycles: 4, avoidedG: 185_448 },
        naive: { cycles: 4, avoidedG: 179_086 },
        match: false,
      },
    ]);
  });

  it('is not identical when the events stored or refused differ, even with the same credits', () => {
    const credits = [cycle('a')];
    expect(compareOutcomes(outcome(credits), outcome(credits, { events: 99 })).identical).toBe(false);
    expect(compareOutcomes(outcome(credits), outcome(credits, { refused: 4 })).identical).toBe(false);
  });
});
