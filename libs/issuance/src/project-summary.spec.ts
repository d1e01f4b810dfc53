import { gramsToTonnes, summariseProject } from './project-summary';

describe('gramsToTonnes', () => {
  it.each<[number, string]>([
    [0, '0.000000'],
    [46_362, '0.046362'],
    [1_290_962, '1.290962'],
    [-1_500, '-0.001500'],
    [48_500_000, '48.500000'],
  ])('%i g is %s t', (grams, tonnes) => {
    expect(gramsToTonnes(grams)).toBe(tonnes);
  });
});

describe('summariseProject', () => {
  it('groups by vintage and state and totals both ways', () => {
    const summary = summariseProject('FR-01', [
      { vintage: 2025, state: 'open', batches: 1, lines: 3, grossG: 500_000, credits: 0 },
      { vintage: 2024, state: 'issued', batches: 2, lines: 40, grossG: 2_100_000, credits: 1 },
      { vintage: 2025, state: 'closed', batches: 1, lines: 9, grossG: 1_290_962, credits: 1 },
    ]);
    expect(summary.vintages.map((v) => v.vintage)).toEqual([2024, 2025]);
    expect(summary.vintages[1].byState.open).toEqual({
      batches: 1,
      lines: 3,
      grossG: 500_000,
      grossTonnes: '0.500000',
      credits: 0,
    });
    expect(summary.vintages[1].byState.verified.batches).toBe(0);
    // 2025: 500_000 + 1_290_962 = 1_790_962 g, 1 credit
    expect(summary.vintages[1].total).toEqual({
      batches: 2,
      lines: 12,
      grossG: 1_790_962,
      grossTonnes: '1.790962',
      credits: 1,
    });
    // all: 1_790_962 + 2_100_000 = 3_890_962 g, 2 credits
    expect(summary.total).toMatchObject({
      batches: 4,
      grossG: 3_890_962,
      grossTonnes: '3.890962',
      credits: 2,
    });
  });

  it('summarises a project without batches as empty', () => {
    expect(summariseProject('DE-01', [])).toEqual({
      projectId: 'DE-01',
      vintages: [],
      total: { batches: 0, lines: 0, grossG: 0, grossTonnes: '0.000000', credits: 0 },
    });
  });
});
