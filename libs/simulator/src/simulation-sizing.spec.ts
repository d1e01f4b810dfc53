import { Simulation } from './simulation';
import { devicesForDeliveries } from './simulation-sizing';

const NOW = new Date('2025-11-02T09:30:00.000Z');

describe('devicesForDeliveries', () => {
  it('sizes a simulation to at least the number of deliveries asked for, with little to spare', () => {
    const options = { seed: 5, until: '2025-11-01T00:00:00Z', rates: { duplicates: 0.1 } };
    const devices = devicesForDeliveries(50_000, options, NOW);
    const { deliveries } = new Simulation({ ...options, devices }, NOW).summary();
    expect(deliveries).toBeGreaterThanOrEqual(50_000);
    expect(deliveries / 50_000).toBeLessThan(1.1);
  });

  it('refuses a count that is negative or not a number', () => {
    expect(() => devicesForDeliveries(-1, { seed: 1 }, NOW)).toThrow(/SIMULATOR\.INVALID_OPTION/);
    expect(() => devicesForDeliveries(Number.NaN, { seed: 1 }, NOW)).toThrow(/SIMULATOR\.INVALID_OPTION/);
  });
});
