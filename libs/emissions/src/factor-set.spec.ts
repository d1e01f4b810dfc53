import { DEFAULT_FACTOR_SET } from './default-factor-set';
import { EmissionsException } from './emissions.exception';
import { assertValidFactorSet } from './factor-set';

/** A mutable deep copy of the defaults, so one test can break one field. */
function copyOfDefaults(): Record<string, Record<string, unknown>> {
  return JSON.parse(JSON.stringify(DEFAULT_FACTOR_SET)) as Record<string, Record<string, unknown>>;
}

function codeOf(value: unknown): string | undefined {
  try {
    assertValidFactorSet(value);
  } catch (error) {
    return error instanceof EmissionsException ? error.code : 'not an EmissionsException';
  }
  return undefined;
}

describe('assertValidFactorSet', () => {
  it('accepts the 2025 defaults', () => {
    expect(codeOf(DEFAULT_FACTOR_SET)).toBeUndefined();
  });

  it('accepts a share of exactly 0 and exactly 10000 bp', () => {
    const set = copyOfDefaults();
    (set.categories.smartphone as Record<string, number>).refurbishedShareBp = 0;
    (set.categories.tablet as Record<string, number>).refurbishedShareBp = 10_000;
    expect(codeOf(set)).toBeUndefined();
  });

  it.each<[string, (set: Record<string, Record<string, unknown>>) => void]>([
    ['a negative factor', (set) => ((set.categories.laptop as Record<string, number>).newG = -1)],
    ['a fractional factor', (set) => ((set.categories.laptop as Record<string, number>).massG = 1.5)],
    ['NaN', (set) => ((set.categories.laptop as Record<string, number>).eolG = Number.NaN)],
    ['an unsafe integer', (set) => ((set.categories.laptop as Record<string, number>).lightG = 2 ** 53)],
    ['a string factor', (set) => ((set.categories.laptop as Record<string, unknown>).lightG = '10000')],
    [
      'a share above 10000 bp',
      (set) => ((set.categories.laptop as Record<string, number>).refurbishedShareBp = 10_001),
    ],
    ['a missing category', (set) => delete set.categories.console],
    ['an unknown category', (set) => (set.categories.fridge = set.categories.console)],
    ['a missing category factor', (set) => delete (set.categories.monitor as Record<string, number>).eolG],
    ['a negative part', (set) => ((set.parts.smartphone as Record<string, number>).battery = -5)],
    ['an unknown part name', (set) => ((set.parts.smartphone as Record<string, number>).batery = 2_000)],
    ['a missing parts entry', (set) => delete set.parts.desktop],
    ['a missing transport mode', (set) => delete set.transportGPerTkm.air],
    ['an unknown transport mode', (set) => (set.transportGPerTkm.bike = 0)],
    ['a fractional transport factor', (set) => (set.transportGPerTkm.sea = 15.5)],
    ['an empty version', (set) => ((set as Record<string, unknown>).version = ' ')],
  ])('rejects %s with EMISSIONS.INVALID_FACTOR_SET', (_label, breakIt) => {
    const set = copyOfDefaults();
    breakIt(set);
    expect(codeOf(set)).toBe('EMISSIONS.INVALID_FACTOR_SET');
  });

  it('rejects values that are not objects', () => {
    expect(codeOf(null)).toBe('EMISSIONS.INVALID_FACTOR_SET');
    expect(codeOf([])).toBe('EMISSIONS.INVALID_FACTOR_SET');
    expect(codeOf({ version: 'x' })).toBe('EMISSIONS.INVALID_FACTOR_SET');
  });
});
