import { DeviceCategory, PartName, TransportLeg } from '@refurb/contracts';
import {
  AvoidedEmissionsInput,
  computeAvoidedEmissions,
  tryComputeAvoidedEmissions,
} from './avoided-emissions';
import { DEFAULT_FACTOR_SET } from './default-factor-set';
import { FactorSet } from './factor-set';

// Every expected figure below is a literal worked out by hand from the tables of docs/methodology.md,
// never obtained by running the code under test.

function avoided(input: AvoidedEmissionsInput, factors: FactorSet = DEFAULT_FACTOR_SET) {
  return computeAvoidedEmissions(input, factors);
}

function errorCodeOf(
  input: AvoidedEmissionsInput,
  factors: FactorSet = DEFAULT_FACTOR_SET,
): string | undefined {
  const result = tryComputeAvoidedEmissions(input, factors);
  return result.ok ? undefined : result.error.code;
}

describe('computeAvoidedEmissions', () => {
  it('reproduces the worked example of docs/methodology.md (smartphone, battery, 450 km by road)', () => {
    // BE = floor((9000*56000 + 1000*2800)/10000) + 500 = 50680 + 500 = 51180
    // transport = ceil(190*450*210/1e6) = ceil(17.955) = 18
    // PE = 2800 + 2000 + 18 = 4818; avoided = 51180 - 4818 = 46362
    expect(
      avoided({
        category: 'smartphone',
        partsReplaced: ['battery'],
        legs: [{ distanceKm: 450, mode: 'road' }],
      }),
    ).toEqual({
      methodology: 'RL-REFURB-1',
      factorSetVersion: '2025-defaults',
      baselineG: 51_180,
      newDeviceG: 56_000,
      refurbishedShareBp: 1_000,
      eolG: 500,
      lightRefurbishmentG: 2_800,
      partsG: 2_000,
      transportG: 18,
      projectG: 4_818,
      avoidedG: 46_362,
    });
  });

  describe('baseline of every category, no parts, no legs (PE = light_g)', () => {
    it.each<[DeviceCategory, number, number, number]>([
      // category,    BE,      PE,     avoided
      // (9000*56000  + 1000*2800 )/1e4 = 50680  + 500  = 51180
      ['smartphone', 51_180, 2_800, 48_380],
      // (9200*80000  + 800*4000  )/1e4 = 73920  + 1000 = 74920
      ['tablet', 74_920, 4_000, 70_920],
      // (9200*200000 + 800*10000 )/1e4 = 184800 + 3000 = 187800
      ['laptop', 187_800, 10_000, 177_800],
      // (9500*250000 + 500*12000 )/1e4 = 238100 + 5000 = 243100
      ['desktop', 243_100, 12_000, 231_100],
      // (9700*230000 + 300*6000  )/1e4 = 223280 + 4000 = 227280
      ['monitor', 227_280, 6_000, 221_280],
      // (9500*90000  + 500*5000  )/1e4 = 85750  + 2000 = 87750
      ['console', 87_750, 5_000, 82_750],
    ])('%s: BE %i, PE %i, avoided %i', (category, baselineG, projectG, avoidedG) => {
      const result = avoided({ category, partsReplaced: [], legs: [] });
      expect(result).toMatchObject({ baselineG, projectG, partsG: 0, transportG: 0, avoidedG });
    });
  });

  describe('every existing part of every category', () => {
    // avoided = BE - light_g - part_g, with BE and light_g from the baseline table above.
    it.each<[DeviceCategory, PartName, number, number]>([
      // category, part, part_g, avoided
      ['smartphone', 'battery', 2_000, 46_380], // 51180 - 2800 - 2000
      ['smartphone', 'screen', 8_000, 40_380], // 51180 - 2800 - 8000
      ['smartphone', 'housing', 1_000, 47_380],
      ['smartphone', 'camera', 1_500, 46_880],
      ['smartphone', 'port', 500, 47_880],
      ['smartphone', 'storage', 3_000, 45_380],
      ['smartphone', 'other', 2_000, 46_380],
      ['tablet', 'battery', 3_000, 67_920], // 74920 - 4000 - 3000
      ['tablet', 'screen', 12_000, 58_920],
      ['tablet', 'housing', 1_500, 69_420],
      ['tablet', 'camera', 1_500, 69_420],
      ['tablet', 'port', 500, 70_420],
      ['tablet', 'storage', 3_000, 67_920],
      ['tablet', 'other', 2_000, 68_920],
      ['laptop', 'battery', 6_000, 171_800], // 187800 - 10000 - 6000
      ['laptop', 'screen', 25_000, 152_800],
      ['laptop', 'housing', 5_000, 172_800],
      ['laptop', 'camera', 1_000, 176_800],
      ['laptop', 'port', 800, 177_000],
      ['laptop', 'keyboard', 3_000, 174_800],
      ['laptop', 'storage', 10_000, 167_800],
      ['laptop', 'other', 5_000, 172_800],
      ['desktop', 'housing', 8_000, 223_100], // 243100 - 12000 - 8000
      ['desktop', 'port', 800, 230_300],
      ['desktop', 'keyboard', 3_000, 228_100],
      ['desktop', 'storage', 10_000, 221_100],
      ['desktop', 'other', 5_000, 226_100],
      ['monitor', 'screen', 60_000, 161_280], // 227280 - 6000 - 60000
      ['monitor', 'housing', 4_000, 217_280],
      ['monitor', 'port', 800, 220_480],
      ['monitor', 'other', 5_000, 216_280],
      ['console', 'housing', 3_000, 79_750], // 87750 - 5000 - 3000
      ['console', 'port', 800, 81_950],
      ['console', 'storage', 10_000, 72_750],
      ['console', 'other', 5_000, 77_750],
    ])('%s %s: part_g %i, avoided %i', (category, part, partsG, avoidedG) => {
      expect(avoided({ category, partsReplaced: [part], legs: [] })).toMatchObject({ partsG, avoidedG });
    });
  });

  describe('parts that do not exist for a category (dashes in docs/methodology.md#replaced-parts)', () => {
    it.each<[DeviceCategory, PartName]>([
      ['smartphone', 'keyboard'],
      ['tablet', 'keyboard'],
      ['desktop', 'battery'],
      ['desktop', 'screen'],
      ['desktop', 'camera'],
      ['monitor', 'battery'],
      ['monitor', 'camera'],
      ['monitor', 'keyboard'],
      ['monitor', 'storage'],
      ['console', 'battery'],
      ['console', 'screen'],
      ['console', 'camera'],
      ['console', 'keyboard'],
    ])('rejects %s %s with EMISSIONS.PART_NOT_IN_CATEGORY', (category, part) => {
      expect(errorCodeOf({ category, partsReplaced: ['port', part], legs: [] })).toBe(
        'EMISSIONS.PART_NOT_IN_CATEGORY',
      );
      expect(() => avoided({ category, partsReplaced: [part], legs: [] })).toThrow(
        'EMISSIONS.PART_NOT_IN_CATEGORY',
      );
    });

    it('rejects a name that is not a part at all, including inherited object keys', () => {
      for (const name of ['toString', '__proto__', 'antenna']) {
        expect(errorCodeOf({ category: 'laptop', partsReplaced: [name as PartName], legs: [] })).toBe(
          'EMISSIONS.PART_NOT_IN_CATEGORY',
        );
      }
    });
  });

  it('uses the mass of each category for its legs (1000 km by road)', () => {
    // ceil(mass * 1000 * 210 / 1e6) = ceil(mass * 0.21)
    const expected: Record<DeviceCategory, number> = {
      smartphone: 40, // 39.9  -> 40
      tablet: 101, //    100.8 -> 101
      laptop: 399, //    399 exactly
      desktop: 1_575, // 1575 exactly
      monitor: 945, //   945 exactly
      console: 630, //   630 exactly
    };
    for (const [category, transportG] of Object.entries(expected) as [DeviceCategory, number][]) {
      const result = avoided({ category, partsReplaced: [], legs: [{ distanceKm: 1_000, mode: 'road' }] });
      expect({ category, transportG: result.transportG }).toEqual({ category, transportG });
    }
  });

  it('adds every leg of every mode, each rounded up on its own', () => {
    // smartphone, 450 km each: road 18 + rail 3 + sea 2 + air 95 + 0 km road 0 = 118
    // PE = 2800 + 118 = 2918; avoided = 51180 - 2918 = 48262
    const legs: TransportLeg[] = [
      { distanceKm: 450, mode: 'road' },
      { distanceKm: 450, mode: 'rail' },
      { distanceKm: 450, mode: 'sea' },
      { distanceKm: 450, mode: 'air' },
      { distanceKm: 0, mode: 'road' },
    ];
    expect(avoided({ category: 'smartphone', partsReplaced: [], legs })).toMatchObject({
      transportG: 118,
      projectG: 2_918,
      avoidedG: 48_262,
    });
  });

  it('counts a part replaced twice twice (exact duplicate events were removed upstream)', () => {
    // laptop: battery twice + screen = 6000 + 6000 + 25000 = 37000; PE = 47000; avoided = 140800
    expect(
      avoided({ category: 'laptop', partsReplaced: ['battery', 'battery', 'screen'], legs: [] }),
    ).toMatchObject({ partsG: 37_000, projectG: 47_000, avoidedG: 140_800 });
  });

  it('floors avoided emissions at zero when the project emits more than the baseline', () => {
    // smartphone, every existing part: 2000+8000+1000+1500+500+3000+2000 = 18000
    // 8 air legs of 20000 km: 8 * ceil(190*20000*1100/1e6) = 8 * 4180 = 33440
    // PE = 2800 + 18000 + 33440 = 54240 > BE 51180 -> avoided 0 (not -3060)
    const everyPart: PartName[] = ['battery', 'screen', 'housing', 'camera', 'port', 'storage', 'other'];
    const legs: TransportLeg[] = Array.from({ length: 8 }, () => ({ distanceKm: 20_000, mode: 'air' }));
    expect(avoided({ category: 'smartphone', partsReplaced: everyPart, legs })).toMatchObject({
      baselineG: 51_180,
      partsG: 18_000,
      transportG: 33_440,
      projectG: 54_240,
      avoidedG: 0,
    });
  });

  it('gives exactly zero when project and baseline emissions are equal', () => {
    // No default figures meet exactly, so a small custom factor set pins the boundary.
    const factors: FactorSet = {
      ...DEFAULT_FACTOR_SET,
      version: 'test-equal',
      categories: {
        ...DEFAULT_FACTOR_SET.categories,
        // BE = floor((10000*10000 + 0)/10000) + 0 = 10000; PE = light 4000 + housing 6000 = 10000
        tablet: { massG: 480, newG: 10_000, lightG: 4_000, eolG: 0, refurbishedShareBp: 0 },
      },
      parts: { ...DEFAULT_FACTOR_SET.parts, tablet: { housing: 6_000 } },
    };
    expect(avoided({ category: 'tablet', partsReplaced: ['housing'], legs: [] }, factors)).toMatchObject({
      baselineG: 10_000,
      projectG: 10_000,
      avoidedG: 0,
    });
  });

  it('floors the market-mix term of the baseline', () => {
    // (6667*12345 + 3333*7)/10000 = (82_304_115 + 23_331)/10000 = 8232.7446 -> 8232; + eol 1 = 8233
    const factors: FactorSet = {
      ...DEFAULT_FACTOR_SET,
      version: 'test-floor',
      categories: {
        ...DEFAULT_FACTOR_SET.categories,
        console: { massG: 1, newG: 12_345, lightG: 7, eolG: 1, refurbishedShareBp: 3_333 },
      },
    };
    expect(avoided({ category: 'console', partsReplaced: [], legs: [] }, factors)).toMatchObject({
      factorSetVersion: 'test-floor',
      baselineG: 8_233,
      projectG: 7,
      avoidedG: 8_226,
    });
  });

  it('keeps the baseline exact when (10000 - s_bp) * new_g exceeds 2^53', () => {
    // (9999 * 9_007_199_254_740_991 + 1 * 0) / 10000
    //   = 90_062_985_348_155_169_009 / 10000 = 9_006_298_534_815_516.9009 -> 9_006_298_534_815_516
    const factors: FactorSet = {
      ...DEFAULT_FACTOR_SET,
      version: 'test-big',
      categories: {
        ...DEFAULT_FACTOR_SET.categories,
        laptop: { massG: 0, newG: Number.MAX_SAFE_INTEGER, lightG: 0, eolG: 0, refurbishedShareBp: 1 },
      },
    };
    expect(avoided({ category: 'laptop', partsReplaced: [], legs: [] }, factors)).toMatchObject({
      baselineG: 9_006_298_534_815_516,
      avoidedG: 9_006_298_534_815_516,
    });
  });

  it('refuses a baseline beyond Number.MAX_SAFE_INTEGER with EMISSIONS.INTEGER_OVERFLOW', () => {
    const factors: FactorSet = {
      ...DEFAULT_FACTOR_SET,
      version: 'test-overflow',
      categories: {
        ...DEFAULT_FACTOR_SET.categories,
        laptop: {
          massG: 0,
          newG: Number.MAX_SAFE_INTEGER,
          lightG: 0,
          eolG: Number.MAX_SAFE_INTEGER,
          refurbishedShareBp: 0,
        },
      },
    };
    expect(errorCodeOf({ category: 'laptop', partsReplaced: [], legs: [] }, factors)).toBe(
      'EMISSIONS.INTEGER_OVERFLOW',
    );
  });

  it('rejects an unknown category and an invalid leg with their codes', () => {
    expect(errorCodeOf({ category: 'fridge' as DeviceCategory, partsReplaced: [], legs: [] })).toBe(
      'EMISSIONS.UNKNOWN_CATEGORY',
    );
    expect(
      errorCodeOf({
        category: 'smartphone',
        partsReplaced: [],
        legs: [{ distanceKm: 20_001, mode: 'road' }],
      }),
    ).toBe('EMISSIONS.INVALID_TRANSPORT_LEG');
  });

  it('rejects a factor that is not a non-negative integer even without full validation', () => {
    const factors: FactorSet = {
      ...DEFAULT_FACTOR_SET,
      categories: {
        ...DEFAULT_FACTOR_SET.categories,
        smartphone: { ...DEFAULT_FACTOR_SET.categories.smartphone, newG: 56_000.5 },
      },
    };
    expect(errorCodeOf({ category: 'smartphone', partsReplaced: [], legs: [] }, factors)).toBe(
      'EMISSIONS.INVALID_FACTOR_SET',
    );
  });
});
