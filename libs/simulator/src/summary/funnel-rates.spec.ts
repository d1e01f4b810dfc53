import { AnyDeviceEvent } from '@refurb/contracts';
import { Simulation } from '../simulation';
import { FunnelRates } from '../simulation-options';

const NOW = new Date('2025-11-02T09:30:00.000Z');
const DEVICES = 10_000;

function observed(rates: Partial<FunnelRates>) {
  const simulation = new Simulation(
    { seed: 2024, devices: DEVICES, until: '2025-11-01T00:00:00Z', rates },
    NOW,
  );
  const summary = simulation.summary();
  const events: AnyDeviceEvent[] = [];
  for (const device of simulation.devices()) for (const cycle of device.cycles) events.push(...cycle.events);
  const diagnoses = events.filter((event) => event.type === 'device.diagnosed');
  const firstSales = new Set<string>();
  const returnedOrders = new Set<string>();
  for (const event of events) {
    if (event.type === 'device.resold' && event.data.orderId.endsWith('A'))
      firstSales.add(event.data.orderId);
    if (event.type === 'device.returned') returnedOrders.add(event.data.orderId);
  }
  return {
    summary,
    refurbishable:
      diagnoses.filter((e) => e.type === 'device.diagnosed' && e.data.outcome === 'refurbishable').length /
      diagnoses.length,
    returns: returnedOrders.size / firstSales.size,
    duplicates: summary.duplicates / summary.events,
    late: summary.late / summary.events,
    malformed: summary.malformed / summary.events,
  };
}

describe(`funnel and fault rates over ${DEVICES} devices`, () => {
  it('match the defaults: 70 % refurbishable, 4 % returns, 1 % duplicates, 5 % late, 0.5 % malformed', () => {
    const rates = observed({});
    expect(Math.abs(rates.refurbishable - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(rates.returns - 0.04)).toBeLessThan(0.012);
    expect(Math.abs(rates.duplicates - 0.01)).toBeLessThan(0.003);
    expect(Math.abs(rates.late - 0.05)).toBeLessThan(0.006);
    expect(Math.abs(rates.malformed - 0.005)).toBeLessThan(0.002);
    const { cycles } = rates.summary;
    expect(cycles.recycled / (cycles.total - cycles.inProgress)).toBeGreaterThan(0.25);
    expect(cycles.secondLife).toBeGreaterThan(0);
    expect(cycles.conflictingResales).toBeGreaterThan(0);
  });

  it('follow the options when they change', () => {
    const rates = observed({ refurbishable: 0.5, returns: 0.2, duplicates: 0.1, late: 0.2, malformed: 0.02 });
    expect(Math.abs(rates.refurbishable - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(rates.returns - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(rates.duplicates - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(rates.late - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(rates.malformed - 0.02)).toBeLessThan(0.004);
  });

  it('switch off every fault at rate 0', () => {
    const { summary } = observed({
      duplicates: 0,
      late: 0,
      malformed: 0,
      conflictingResales: 0,
      secondLife: 0,
      returns: 0,
    });
    expect(summary).toMatchObject({ duplicates: 0, late: 0, malformed: 0 });
    expect(summary.cycles).toMatchObject({ secondLife: 0, conflictingResales: 0, returned: 0 });
    expect(summary.eventsByType['device.returned']).toBe(0);
  });
});
