import { FactorSet } from './factor-set';

export const DEFAULT_FACTOR_SET_VERSION = '2025-defaults';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The `2025-defaults` factor set (docs/methodology.md#factor-set-2025-defaults), for local runs and
 * tests. Frozen because versions are immutable once used: a credited cycle that cites this version must
 * stay recomputable.
 */
export const DEFAULT_FACTOR_SET: FactorSet = deepFreeze({
  version: DEFAULT_FACTOR_SET_VERSION,
  categories: {
    smartphone: { massG: 190, newG: 56_000, lightG: 2_800, eolG: 500, refurbishedShareBp: 1_000 },
    tablet: { massG: 480, newG: 80_000, lightG: 4_000, eolG: 1_000, refurbishedShareBp: 800 },
    laptop: { massG: 1_900, newG: 200_000, lightG: 10_000, eolG: 3_000, refurbishedShareBp: 800 },
    desktop: { massG: 7_500, newG: 250_000, lightG: 12_000, eolG: 5_000, refurbishedShareBp: 500 },
    monitor: { massG: 4_500, newG: 230_000, lightG: 6_000, eolG: 4_000, refurbishedShareBp: 300 },
    console: { massG: 3_000, newG: 90_000, lightG: 5_000, eolG: 2_000, refurbishedShareBp: 500 },
  },
  parts: {
    smartphone: {
      battery: 2_000,
      screen: 8_000,
      housing: 1_000,
      camera: 1_500,
      port: 500,
      storage: 3_000,
      other: 2_000,
    },
    tablet: {
      battery: 3_000,
      screen: 12_000,
      housing: 1_500,
      camera: 1_500,
      port: 500,
      storage: 3_000,
      other: 2_000,
    },
    laptop: {
      battery: 6_000,
      screen: 25_000,
      housing: 5_000,
      camera: 1_000,
      port: 800,
      keyboard: 3_000,
      storage: 10_000,
      other: 5_000,
    },
    desktop: { housing: 8_000, port: 800, keyboard: 3_000, storage: 10_000, other: 5_000 },
    monitor: { screen: 60_000, housing: 4_000, port: 800, other: 5_000 },
    console: { housing: 3_000, port: 800, storage: 10_000, other: 5_000 },
  },
  transportGPerTkm: { road: 210, rail: 30, sea: 15, air: 1_100 },
});
