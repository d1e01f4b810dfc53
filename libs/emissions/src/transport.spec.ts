import { MAX_LEG_DISTANCE_KM, TransportLeg, TransportMode } from '@refurb/contracts';
import { DEFAULT_FACTOR_SET } from './default-factor-set';
import { EmissionsException } from './emissions.exception';
import { computeLegTransportG } from './transport';

const SMARTPHONE_MASS_G = 190;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof EmissionsException ? error.code : 'not an EmissionsException';
  }
  return undefined;
}

describe('computeLegTransportG', () => {
  // Expected values computed by hand: ceil(190 g * 450 km * f / 1e6).
  it.each<[TransportMode, number]>([
    ['road', 18], // 190*450*210  = 17_955_000 -> 17.955  -> 18
    ['rail', 3], //  190*450*30   =  2_565_000 ->  2.565  ->  3
    ['sea', 2], //   190*450*15   =  1_282_500 ->  1.2825 ->  2
    ['air', 95], //  190*450*1100 = 94_050_000 -> 94.05   -> 95
  ])('450 km by %s for a 190 g smartphone is %i g', (mode, expected) => {
    expect(computeLegTransportG(SMARTPHONE_MASS_G, { distanceKm: 450, mode }, DEFAULT_FACTOR_SET)).toBe(
      expected,
    );
  });

  it.each<TransportMode>(['road', 'rail', 'sea', 'air'])('0 km by %s is 0 g', (mode) => {
    expect(computeLegTransportG(SMARTPHONE_MASS_G, { distanceKm: 0, mode }, DEFAULT_FACTOR_SET)).toBe(0);
  });

  it('rounds the smallest positive leg up to 1 g', () => {
    // 190*1*15 = 2_850 -> 0.00285 -> 1
    expect(computeLegTransportG(SMARTPHONE_MASS_G, { distanceKm: 1, mode: 'sea' }, DEFAULT_FACTOR_SET)).toBe(
      1,
    );
  });

  it('does not round up an exact quotient', () => {
    // 1900*1000*210 = 399_000_000 -> exactly 399
    expect(computeLegTransportG(1_900, { distanceKm: 1_000, mode: 'road' }, DEFAULT_FACTOR_SET)).toBe(399);
  });

  it('handles the longest leg of the heaviest category by air', () => {
    // 7500*20000*1100 = 165_000_000_000 -> exactly 165_000
    expect(
      computeLegTransportG(7_500, { distanceKm: MAX_LEG_DISTANCE_KM, mode: 'air' }, DEFAULT_FACTOR_SET),
    ).toBe(165_000);
  });

  it('stays exact where the product exceeds 2^53', () => {
    // 9_007_199_254_740 * 19_999 * 1100 = 198_148_475_685_099_786_000 (> 2^53)
    //   / 1e6 = 198_148_475_685_099.786 -> 198_148_475_685_100
    expect(
      computeLegTransportG(9_007_199_254_740, { distanceKm: 19_999, mode: 'air' }, DEFAULT_FACTOR_SET),
    ).toBe(198_148_475_685_100);
  });

  it('refuses a result beyond Number.MAX_SAFE_INTEGER instead of rounding it', () => {
    // (2^53 - 1) * 20000 * 1100 / 1e6 = 1.98e17 > 2^53
    expect(
      codeOf(() =>
        computeLegTransportG(
          Number.MAX_SAFE_INTEGER,
          { distanceKm: 20_000, mode: 'air' },
          DEFAULT_FACTOR_SET,
        ),
      ),
    ).toBe('EMISSIONS.INTEGER_OVERFLOW');
  });

  it.each<[string, TransportLeg]>([
    ['negative', { distanceKm: -1, mode: 'road' }],
    ['fractional', { distanceKm: 1.5, mode: 'road' }],
    ['beyond 20000 km', { distanceKm: 20_001, mode: 'road' }],
    ['NaN', { distanceKm: Number.NaN, mode: 'road' }],
    ['an unknown mode', { distanceKm: 10, mode: 'teleport' as TransportMode }],
    ['an inherited key as mode', { distanceKm: 10, mode: 'toString' as TransportMode }],
  ])('rejects a leg with %s', (_label, leg) => {
    expect(codeOf(() => computeLegTransportG(SMARTPHONE_MASS_G, leg, DEFAULT_FACTOR_SET))).toBe(
      'EMISSIONS.INVALID_TRANSPORT_LEG',
    );
  });
});
