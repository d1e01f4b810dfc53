import { Simulation } from './simulation';
import { devicesForDeliveries } from './simulation-sizing';

const NOW = new Date('2025-11-02T09:30:00.000Z');

describe('devicesForDeliveries', () => {
  it('sizes a simulation to about the number of deliveries asked for', () => {
    const options = { seed: 5, until: '2025-11-01T00:00:00Z', rates: { duplicates: 0.1 } };
    const devices = devicesForDeliveries(50_000, options, NOW);
    const { deliveries } = new Simulation({ ...options, devices }, NOW).summary();
    expect(Math.abs(deliveries - 50_000) / 50_000).toBeLessThan(0.03);
  });

  it('refuses a count that is not a positive whole number', () => {
    expect(() => devicesForDeliveries(0, { seed: 1 }, NOW)).toThrow(/SIMULATOR\.INVALID_OPTION/);
  });
});
