import {
  AnyDeviceEvent,
  encodeStructured,
  isCanonicalDeviceId,
  isLuhnValid,
  partExistsIn,
  validateDeviceEvent,
} from '@refurb/contracts';
import { deriveDeviceCycles } from '@refurb/lifecycle';
import { Delivery, deliveryBody } from '../delivery/delivery';
import { WORKSHOPS } from '../network/workshops';
import { Simulation } from '../simulation';
import { SimulatedDevice } from './simulated-device';

const NOW = new Date('2025-11-02T09:30:00.000Z');
const simulation = new Simulation({ seed: 7, devices: 2000, until: '2025-11-01T00:00:00.000Z' }, NOW);
const devices: SimulatedDevice[] = [...simulation.devices()];
const events: AnyDeviceEvent[] = devices.flatMap((device) => device.cycles.flatMap((cycle) => cycle.events));
const deliveries: Delivery[] = [...simulation.deliveries()];

describe('generated devices and events', () => {
  it('are valid CloudEvents already in the normalised form the pipeline stores', () => {
    for (const event of events) {
      const validated = validateDeviceEvent(event, { now: NOW });
      expect(validated).toEqual({ ok: true, event });
    }
  });

  it('encode to exactly the bytes encodeStructured gives', () => {
    for (const delivery of deliveries) {
      if (delivery.kind !== 'malformed')
        expect(deliveryBody(delivery).equals(encodeStructured(delivery.event))).toBe(true);
    }
  });

  it('give every device its own canonical id: Luhn-valid IMEIs with a plausible TAC, or brand serials', () => {
    const ids = devices.map((device) => device.deviceId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(isCanonicalDeviceId(id)).toBe(true);
      if (id.startsWith('imei:')) {
        expect(isLuhnValid(id.slice(5))).toBe(true);
        expect(id).toMatch(/^imei:(35|86)\d{13}$/);
      } else {
        expect(id).toMatch(/^serial:[a-z]+:[A-Z0-9]{4,40}$/);
      }
    }
    const categories = new Set(
      devices.filter((d) => d.deviceId.startsWith('serial:')).map((d) => d.category),
    );
    expect([...categories].sort()).toEqual(['console', 'desktop', 'laptop', 'monitor', 'tablet']);
    expect(ids).toContainEqual(expect.stringMatching(/^serial:lenovo:PF[A-Z0-9]{6}$/));
  });

  it('never repeats an event id', () => {
    const ids = events.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('weights the category mix to smartphones', () => {
    const phones = devices.filter((device) => device.category === 'smartphone').length;
    expect(phones / devices.length).toBeGreaterThan(0.55);
    expect(phones / devices.length).toBeLessThan(0.7);
  });

  it('refurbishes in the seeded workshops of France and Germany', () => {
    const used = new Set(devices.flatMap((device) => device.cycles.map((cycle) => cycle.workshopId)));
    expect([...used].sort()).toEqual(['ws-berlin-01', 'ws-hamburg-01', 'ws-lyon-01', 'ws-paris-01']);
    expect(WORKSHOPS.map((w) => [w.id, w.country])).toEqual([
      ['ws-paris-01', 'FR'],
      ['ws-lyon-01', 'FR'],
      ['ws-berlin-01', 'DE'],
      ['ws-hamburg-01', 'DE'],
    ]);
    const summary = simulation.summary();
    expect(summary.cycles.creditEligibleByCountry.FR).toBeGreaterThan(0);
    expect(summary.cycles.creditEligibleByCountry.DE).toBeGreaterThan(0);
  });

  it('replaces only parts that exist for the device category', () => {
    const repairs = devices.flatMap((device) =>
      device.cycles.flatMap((cycle) => cycle.events.map((event) => ({ category: device.category, event }))),
    );
    let parts = 0;
    for (const { category, event } of repairs) {
      if (event.type !== 'device.repaired') continue;
      for (const part of event.data.partsReplaced) {
        expect(partExistsIn(category, part)).toBe(true);
        parts++;
      }
    }
    expect(parts).toBeGreaterThan(100);
  });

  it('records transport legs with realistic distances and modes', () => {
    const legs = events.flatMap((event) =>
      'transport' in event.data && event.data.transport ? [event.data.transport] : [],
    );
    expect(legs.length).toBeGreaterThan(1000);
    for (const leg of legs) {
      expect(Number.isInteger(leg.distanceKm) && leg.distanceKm >= 1 && leg.distanceKm <= 20000).toBe(true);
    }
    const modes = legs.map((leg) => leg.mode);
    expect(new Set(modes)).toEqual(new Set(['road', 'rail', 'sea', 'air']));
    // Road dominates; air is for the odd urgent business shipment only.
    expect(modes.filter((mode) => mode === 'road').length / modes.length).toBeGreaterThan(0.8);
    expect(modes.filter((mode) => mode === 'air').length / modes.length).toBeLessThan(0.01);
  });

  it('expects of each cycle what libs/lifecycle derives from the same events', () => {
    for (const device of devices) {
      const all = device.cycles.flatMap((cycle) => cycle.events);
      if (all.length === 0) continue;
      const derived = deriveDeviceCycles(all).cycles;
      expect(derived).toHaveLength(device.cycles.length);
      device.cycles.forEach((cycle, i) => {
        const { outcome } = cycle;
        expect(derived[i].state === 'eligible').toBe(outcome.state === 'credit-eligible');
        expect(derived[i].state === 'recycled').toBe(outcome.state === 'recycled');
        expect(derived[i].conflicts).toHaveLength(outcome.conflictingResales);
        if (outcome.state === 'credit-eligible') {
          expect(derived[i].creditedResaleEventId).toBe(outcome.creditedResaleEventId);
          expect(derived[i].credit?.workshopId).toBe(outcome.workshopId);
        }
      });
    }
  });
});
