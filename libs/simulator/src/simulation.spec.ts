import { createHash } from 'node:crypto';
import { Delivery, deliveryBody } from './delivery/delivery';
import { Simulation } from './simulation';
import { SimulationOptions } from './simulation-options';
import { SimulatorException } from './simulator.exception';

const NOW = new Date('2025-11-02T09:30:00.000Z');
const UNTIL = '2025-11-01T00:00:00.000Z';

function simulation(options: Partial<SimulationOptions> = {}): Simulation {
  return new Simulation({ seed: 42, devices: 400, until: UNTIL, ...options }, NOW);
}

/** Everything a sink would send, as one fingerprint: order, routing and exact bytes. */
function fingerprint(deliveries: Iterable<Delivery>): string {
  const hash = createHash('sha256');
  for (const delivery of deliveries) {
    hash.update(`${delivery.seq}|${delivery.role}|${delivery.topic}|${delivery.key}|${delivery.deliverAt}|`);
    hash.update(deliveryBody(delivery));
  }
  return hash.digest('hex');
}

describe('Simulation', () => {
  it('yields byte-identical deliveries and summary for the same seed and options', () => {
    const first = simulation();
    const second = simulation();
    expect(fingerprint(first.deliveries())).toBe(fingerprint(second.deliveries()));
    expect(second.summary()).toEqual(first.summary());
    // Iterating again yields the same sequence: nothing is consumed or kept.
    expect(fingerprint(first.deliveries())).toBe(fingerprint(second.deliveries()));
  });

  it('yields different deliveries for another seed, and the same devices when only fault rates change', () => {
    expect(fingerprint(simulation({ seed: 43 }).deliveries())).not.toBe(
      fingerprint(simulation().deliveries()),
    );
    const faulty = simulation({ rates: { late: 0.3, duplicates: 0.2, malformed: 0.1 } });
    expect([...faulty.devices()]).toEqual([...simulation().devices()]);
  });

  it('numbers deliveries in order of simulated arrival, each at or after the event it carries', () => {
    const deliveries = [...simulation().deliveries()];
    deliveries.forEach((delivery, i) => {
      expect(delivery.seq).toBe(i);
      if (i > 0) expect(delivery.deliverAt >= deliveries[i - 1].deliverAt).toBe(true);
      if (delivery.kind !== 'malformed') expect(delivery.deliverAt >= delivery.event.time).toBe(true);
    });
  });

  it('streams: the first deliveries of a million devices come without generating the rest', () => {
    const huge = new Simulation({ seed: 42, devices: 1_000_000, until: UNTIL }, NOW);
    const first: Delivery[] = [];
    for (const delivery of huge.deliveries()) {
      first.push(delivery);
      if (first.length === 1000) break;
    }
    // All from the first days of the window: only the devices collected by then were generated.
    const firstDays = Date.parse(huge.options.from) + 3 * 86_400_000;
    expect(first.every((delivery) => Date.parse(delivery.deliverAt) < firstDays)).toBe(true);
  });

  it('dates every event inside the window, never in the future', () => {
    const { from, until } = simulation().options;
    for (const device of simulation().devices()) {
      for (const event of device.cycles.flatMap((cycle) => cycle.events)) {
        expect(event.time >= from && event.time < until).toBe(true);
      }
    }
    expect(until <= NOW.toISOString()).toBe(true);
  });

  it('defaults the window to the 365 days before the start of the current UTC day', () => {
    const options = new Simulation({ seed: 1, devices: 1 }, NOW).options;
    expect(options).toMatchObject({
      from: '2024-11-02T00:00:00.000Z',
      until: '2025-11-02T00:00:00.000Z',
      days: 365,
    });
  });

  it('counts in its summary exactly what deliveries() yields', () => {
    const sim = simulation({ rates: { duplicates: 0.05, malformed: 0.05 } });
    const deliveries = [...sim.deliveries()];
    const summary = sim.summary();
    const count = (kind: Delivery['kind']) => deliveries.filter((d) => d.kind === kind).length;
    expect(summary.deliveries).toBe(deliveries.length);
    expect(summary.events).toBe(count('event'));
    expect(summary.duplicates).toBe(count('duplicate'));
    expect(summary.malformed).toBe(count('malformed'));
    expect(summary.late).toBe(deliveries.filter((d) => d.kind === 'event' && d.late).length);
    expect(Object.values(summary.malformedByCode).reduce((a, b) => a + b, 0)).toBe(summary.malformed);
    expect(summary.expected.viaGateway.accepted + summary.expected.viaGateway.rejected).toBe(
      deliveries.length,
    );
    const events = [...sim.devices()].flatMap((device) => device.cycles.flatMap((cycle) => cycle.events));
    expect(events).toHaveLength(summary.events);
  });

  it('refuses options it cannot honour with SIMULATOR.INVALID_OPTION', () => {
    const invalid = [
      { seed: 1.5, devices: 10 },
      { seed: 1, devices: 0 },
      { seed: 1, devices: 1_000_001 },
      { seed: 1, devices: 10, rates: { late: 1.5 } },
      { seed: 1, devices: 10, until: '2030-01-01T00:00:00Z' },
      { seed: 1, devices: 10, until: '2001-01-01T00:00:00Z', days: 900 },
    ];
    for (const options of invalid) {
      expect(() => new Simulation(options, NOW)).toThrow(SimulatorException);
      expect(() => new Simulation(options, NOW)).toThrow(/SIMULATOR\.INVALID_OPTION/);
    }
  });
});
