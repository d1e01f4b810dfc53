import { DEFAULT_FACTOR_SET } from './default-factor-set';

describe('DEFAULT_FACTOR_SET', () => {
  it('is version 2025-defaults with the transport factors of docs/methodology.md', () => {
    expect(DEFAULT_FACTOR_SET.version).toBe('2025-defaults');
    expect(DEFAULT_FACTOR_SET.transportGPerTkm).toEqual({ road: 210, rail: 30, sea: 15, air: 1_100 });
  });

  it('cannot be changed in place, since a used version is immutable', () => {
    expect(Object.isFrozen(DEFAULT_FACTOR_SET)).toBe(true);
    expect(Object.isFrozen(DEFAULT_FACTOR_SET.categories.smartphone)).toBe(true);
    expect(Object.isFrozen(DEFAULT_FACTOR_SET.parts.monitor)).toBe(true);
    expect(Object.isFrozen(DEFAULT_FACTOR_SET.transportGPerTkm)).toBe(true);
  });
});
