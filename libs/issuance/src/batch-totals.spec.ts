import { BatchException } from './batch.exception';
import { CloseTotals } from '@refurb/contracts';
import { CloseTotalsInput, computeCloseTotals, DEFAULT_DISCOUNT_BP } from './batch-totals';

// Expected figures are literals worked out by hand; none comes from running the code under test.

function codeOf(input: CloseTotalsInput): string | undefined {
  try {
    computeCloseTotals(input);
  } catch (error) {
    return error instanceof BatchException ? error.code : 'not a BatchException';
  }
  return undefined;
}

describe('computeCloseTotals', () => {
  it('uses a 500 bp discount by default', () => {
    expect(DEFAULT_DISCOUNT_BP).toBe(500);
  });

  it('closes a first batch of 48.5 t into 46 credits', () => {
    // discount = ceil(48_500_000 * 500 / 10000) = 2_425_000
    // net = 48_500_000 - 2_425_000 + 0 = 46_075_000 -> 46 credits, 75_000 g carried out
    expect(computeCloseTotals({ grossG: 48_500_000, discountBp: 500, carriedInG: 0 })).toEqual<CloseTotals>({
      grossG: 48_500_000,
      discountG: 2_425_000,
      netG: 46_075_000,
      credits: 46,
      carriedOutG: 75_000,
    });
  });

  it('sums lines, a reversal counting negative', () => {
    // 46362 + 48380 + 177800 - 46362 = 226_180; discount = 226_180 * 0.05 = 11_309 exactly
    // net = 214_871 -> 0 credits
    expect(
      computeCloseTotals({
        lineAvoidedG: [46_362, 48_380, 177_800, -46_362],
        discountBp: 500,
        carriedInG: 0,
      }),
    ).toEqual<CloseTotals>({
      grossG: 226_180,
      discountG: 11_309,
      netG: 214_871,
      credits: 0,
      carriedOutG: 214_871,
    });
  });

  it('rounds the discount up', () => {
    // 46_363 * 500 / 10000 = 2318.15 -> 2319; net = 44_044
    expect(computeCloseTotals({ lineAvoidedG: [46_363], discountBp: 500, carriedInG: 0 })).toMatchObject({
      discountG: 2_319,
      netG: 44_044,
    });
    // 1 * 500 / 10000 = 0.05 -> 1: one gram of gross is all discount
    expect(computeCloseTotals({ grossG: 1, discountBp: 500, carriedInG: 0 })).toMatchObject({
      discountG: 1,
      netG: 0,
    });
  });

  it('carries the remainder into the next batch, where it can complete a credit', () => {
    // Batch 1: as above -> 46 credits, 75_000 g carried out.
    const first = computeCloseTotals({ grossG: 48_500_000, discountBp: 500, carriedInG: 0 });
    // Batch 2: gross 3_100_000, discount 155_000, net = 2_945_000 + 75_000 = 3_020_000
    //   -> 3 credits (2 without the carry), 20_000 g carried out.
    const second = computeCloseTotals({ grossG: 3_100_000, discountBp: 500, carriedInG: first.carriedOutG });
    expect(second).toEqual<CloseTotals>({
      grossG: 3_100_000,
      discountG: 155_000,
      netG: 3_020_000,
      credits: 3,
      carriedOutG: 20_000,
    });
  });

  describe('negative gross (reversals outweigh new lines)', () => {
    it('applies no negative discount and carries the negative net forward as a debt', () => {
      // gross -46_362, discount 0 (not floor(-2318.1)), net = -46_362 + 20_000 = -26_362
      expect(
        computeCloseTotals({ lineAvoidedG: [-46_362], discountBp: 500, carriedInG: 20_000 }),
      ).toEqual<CloseTotals>({
        grossG: -46_362,
        discountG: 0,
        netG: -26_362,
        credits: 0,
        carriedOutG: -26_362,
      });
    });

    it('never issues negative credits, however large the debt', () => {
      // 300_000 - 1_000_000 - 2_000_000 = -2_700_000; net = -2_700_000 + 999_999 = -1_700_001
      expect(
        computeCloseTotals({
          lineAvoidedG: [300_000, -1_000_000, -2_000_000],
          discountBp: 500,
          carriedInG: 999_999,
        }),
      ).toEqual<CloseTotals>({
        grossG: -2_700_000,
        discountG: 0,
        netG: -1_700_001,
        credits: 0,
        carriedOutG: -1_700_001,
      });
    });

    it('repays the debt from the following batches before any new credit', () => {
      // Batch A: net -26_362 (above).
      // Batch B: gross 1_000_000, discount 50_000, net = 950_000 - 26_362 = 923_638 -> 0 credits
      // Batch C: gross 100_000, discount 5_000, net = 95_000 + 923_638 = 1_018_638 -> 1 credit, 18_638 out
      const a = computeCloseTotals({ lineAvoidedG: [-46_362], discountBp: 500, carriedInG: 20_000 });
      const b = computeCloseTotals({ grossG: 1_000_000, discountBp: 500, carriedInG: a.carriedOutG });
      const c = computeCloseTotals({ grossG: 100_000, discountBp: 500, carriedInG: b.carriedOutG });
      expect([b.netG, b.credits, b.carriedOutG]).toEqual([923_638, 0, 923_638]);
      expect([c.discountG, c.netG, c.credits, c.carriedOutG]).toEqual([5_000, 1_018_638, 1, 18_638]);
    });
  });

  it('issues a credit at exactly 1_000_000 g of net and none at 999_999 g', () => {
    expect(computeCloseTotals({ grossG: 1_000_000, discountBp: 0, carriedInG: 0 })).toMatchObject({
      credits: 1,
      carriedOutG: 0,
    });
    expect(computeCloseTotals({ grossG: 999_999, discountBp: 0, carriedInG: 0 })).toMatchObject({
      credits: 0,
      carriedOutG: 999_999,
    });
  });

  it('handles a full discount and an empty batch', () => {
    // 10000 bp: discount = gross, net = carried in only
    expect(
      computeCloseTotals({ grossG: 5_000_000, discountBp: 10_000, carriedInG: 10 }),
    ).toEqual<CloseTotals>({
      grossG: 5_000_000,
      discountG: 5_000_000,
      netG: 10,
      credits: 0,
      carriedOutG: 10,
    });
    expect(computeCloseTotals({ lineAvoidedG: [], discountBp: 500, carriedInG: 500 })).toEqual<CloseTotals>({
      grossG: 0,
      discountG: 0,
      netG: 500,
      credits: 0,
      carriedOutG: 500,
    });
  });

  it('stays exact where gross * discount_bp exceeds 2^53', () => {
    // (2^53 - 1) * 500 = 4_503_599_627_370_495_500; / 10000 = 450_359_962_737_049.55 -> 450_359_962_737_050
    // net = 9_007_199_254_740_991 - 450_359_962_737_050 = 8_556_839_292_003_941
    expect(
      computeCloseTotals({ grossG: Number.MAX_SAFE_INTEGER, discountBp: 500, carriedInG: 0 }),
    ).toEqual<CloseTotals>({
      grossG: 9_007_199_254_740_991,
      discountG: 450_359_962_737_050,
      netG: 8_556_839_292_003_941,
      credits: 8_556_839_292,
      carriedOutG: 3_941,
    });
  });

  it('keeps net = credits * 1e6 + carried out, with credits >= 0 and carried out < 1e6', () => {
    // Deterministic spread of grosses, both signs, across the discount and carry-in ranges.
    for (let i = 0; i < 2_000; i += 1) {
      const grossG = ((i * 7_919_993) % 60_000_001) - 20_000_000;
      const discountBp = (i * 37) % 10_001;
      const carriedInG = ((i * 104_729) % 2_000_000) - 1_000_001;
      const totals = computeCloseTotals({ grossG, discountBp, carriedInG });
      expect(totals.netG).toBe(totals.credits * 1_000_000 + totals.carriedOutG);
      expect(totals.credits).toBeGreaterThanOrEqual(0);
      expect(totals.carriedOutG).toBeLessThan(1_000_000);
      expect(totals.discountG).toBeGreaterThanOrEqual(0);
    }
  });

  it.each<[string, CloseTotalsInput, string]>([
    [
      'a gross beyond 2^53',
      { lineAvoidedG: [Number.MAX_SAFE_INTEGER, 1], discountBp: 500, carriedInG: 0 },
      'BATCH.INVALID_AMOUNT',
    ],
    ['a fractional line', { lineAvoidedG: [1.5], discountBp: 500, carriedInG: 0 }, 'BATCH.INVALID_AMOUNT'],
    ['a NaN gross', { grossG: Number.NaN, discountBp: 500, carriedInG: 0 }, 'BATCH.INVALID_AMOUNT'],
    ['a negative discount', { grossG: 1, discountBp: -1, carriedInG: 0 }, 'BATCH.INVALID_DISCOUNT'],
    ['a discount above 10000 bp', { grossG: 1, discountBp: 10_001, carriedInG: 0 }, 'BATCH.INVALID_DISCOUNT'],
    ['a fractional discount', { grossG: 1, discountBp: 2.5, carriedInG: 0 }, 'BATCH.INVALID_DISCOUNT'],
    [
      'a carry-in of a whole credit',
      { grossG: 1, discountBp: 500, carriedInG: 1_000_000 },
      'BATCH.INVALID_CARRIED_IN',
    ],
    ['a fractional carry-in', { grossG: 1, discountBp: 500, carriedInG: 0.5 }, 'BATCH.INVALID_CARRIED_IN'],
  ])('rejects %s', (_label, input, code) => {
    expect(codeOf(input)).toBe(code);
  });
});
