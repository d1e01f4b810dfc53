import {
  AnyDeviceEvent,
  DEVICE_CATEGORIES,
  PART_NAMES,
  partExistsIn,
  TRANSPORT_MODES,
  TransportLeg,
} from '@refurb/contracts';
import { eventsFor } from './device-event-factory';
import { SeededRandom } from './seeded-random';

const BASE_MS = Date.parse('2023-11-01T00:00:00.000Z');
const HALF_DAY_MS = 12 * 3600 * 1000;

/**
 * A random but plausible history of one device: up to three cycles with every rule's trigger in the mix
 * (missing and twin collections, stray early events, returns of unknown orders, orders shared across
 * cycles, recycling, impossible parts, blank certificates). Times sit on a half-day grid so that ties at
 * the same instant are frequent, and ids are random so that id order does not follow time order.
 */
export function randomDeviceHistory(random: SeededRandom, deviceIndex: number): AnyDeviceEvent[] {
  const deviceId = `serial:acme:DEV-${deviceIndex}`;
  const { collected, diagnosed, repaired, refurbished, recycled, resold, returned } = eventsFor(deviceId);
  const events: AnyDeviceEvent[] = [];
  let counter = 0;
  // Unique across devices too: a shared id would be a reused id, which only the first arrival wins.
  const id = () => `${random.int(0, 36 ** 4).toString(36)}-${deviceIndex}-${counter++}`;
  const at = (slot: number) => new Date(BASE_MS + slot * HALF_DAY_MS).toISOString();
  const leg = (): { transport?: TransportLeg } =>
    random.chance(0.5)
      ? { transport: { distanceKm: random.int(0, 2000), mode: random.pick(TRANSPORT_MODES) } }
      : {};
  const order = () => `order-${random.int(1, 6)}`;

  if (random.chance(0.2)) events.push(resold(id(), at(random.int(0, 4)), order()));
  if (random.chance(0.2)) events.push(diagnosed(id(), at(random.int(0, 4)), leg()));

  const cycles = random.int(0, 3);
  for (let c = 0; c < cycles; c++) {
    const start = 5 + c * 50 + random.int(0, 10);
    const category = random.pick(DEVICE_CATEGORIES);
    if (random.chance(0.9)) events.push(collected(id(), at(start), { category, ...leg() }));
    if (random.chance(0.1))
      events.push(collected(id(), at(start), { category: random.pick(DEVICE_CATEGORIES) }));
    if (random.chance(0.8)) events.push(diagnosed(id(), at(start + random.int(0, 5)), leg()));
    if (random.chance(0.6)) {
      const allowed = PART_NAMES.filter((p) => random.chance(0.1) || partExistsIn(category, p));
      const parts = Array.from({ length: random.int(1, 3) }, () => random.pick(allowed));
      events.push(repaired(id(), at(start + random.int(1, 10)), { partsReplaced: parts, ...leg() }));
    }
    for (let r = random.int(0, 2); r > 0; r--) {
      const erasureCertificateId = random.chance(0.05) ? ' ' : `cert-${counter}`;
      events.push(refurbished(id(), at(start + random.int(3, 15)), { erasureCertificateId, ...leg() }));
    }
    for (let r = random.int(0, 3); r > 0; r--)
      events.push(resold(id(), at(start + random.int(5, 30)), order()));
    for (let r = random.int(0, 2); r > 0; r--)
      events.push(returned(id(), at(start + random.int(5, 40)), order()));
    if (random.chance(0.1)) events.push(recycled(id(), at(start + random.int(0, 40))));
  }
  return events;
}
