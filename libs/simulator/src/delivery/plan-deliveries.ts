import { AnyDeviceEvent, TOPIC_BY_EVENT_TYPE } from '@refurb/contracts';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { deriveSeed } from '../random/seed-hash';
import { SimulatedDevice } from '../scenario/simulated-device';
import { FunnelRates } from '../simulation-options';
import { Delivery, EventDelivery, MalformedDelivery } from './delivery';
import { duplicateDelivery, lateDelivery, malformedDelivery, onTimeDelivery } from './delivery-timing';
import { malformedFrom } from './malformed-events';
import { ROLE_BY_EVENT_TYPE } from './partner-role';

/** A delivery with its place in the simulated time line; `delivery.seq` is set when it is released. */
export interface PlannedDelivery {
  atMs: number;
  device: number;
  /** Position among the device's deliveries: breaks ties deterministically. */
  ordinal: number;
  delivery: Delivery;
}

// A stream of its own, so that changing a fault rate leaves the devices' histories unchanged.
const DELIVERY_STREAM = 2;

// Objects are built member by member: on the hot path of a million deliveries, object spread with extra
// members is several times slower in V8.
function eventDelivery(
  device: SimulatedDevice,
  event: AnyDeviceEvent,
  atMs: number,
  kind: EventDelivery['kind'],
  late: boolean,
): EventDelivery {
  return {
    seq: -1,
    role: ROLE_BY_EVENT_TYPE[event.type],
    topic: TOPIC_BY_EVENT_TYPE[event.type],
    key: device.deviceId,
    deviceId: device.deviceId,
    deliverAt: new Date(atMs).toISOString(),
    kind,
    eventType: event.type,
    event,
    late,
  };
}

function malformedDeliveryOf(
  device: SimulatedDevice,
  event: AnyDeviceEvent,
  atMs: number,
  random: SeededRandom,
): MalformedDelivery {
  const broken = malformedFrom(event, random);
  const delivery: MalformedDelivery = {
    seq: -1,
    role: ROLE_BY_EVENT_TYPE[event.type],
    topic: TOPIC_BY_EVENT_TYPE[event.type],
    key: broken.key,
    deviceId: device.deviceId,
    deliverAt: new Date(atMs).toISOString(),
    kind: 'malformed',
    eventType: event.type,
    reason: broken.reason,
    expectedCode: broken.expectedCode,
    body: broken.body,
  };
  if (broken.event !== undefined) delivery.event = broken.event;
  return delivery;
}

/**
 * How one device's events reach the pipeline: each on time or late, some twice, some along with a
 * broken version. Every delivery is at or after the occurrence of the event it carries.
 */
export function planDeliveries(device: SimulatedDevice, seed: number, rates: FunnelRates): PlannedDelivery[] {
  const random = new SeededRandom(deriveSeed(seed, device.index, DELIVERY_STREAM));
  const planned: PlannedDelivery[] = [];
  const add = (atMs: number, delivery: Delivery) =>
    planned.push({ atMs, device: device.index, ordinal: planned.length, delivery });

  for (const cycle of device.cycles) {
    for (const event of cycle.events) {
      // Every draw happens for every event, so one rate never shifts the draws of another.
      const late = random.chance(rates.late);
      const duplicated = random.chance(rates.duplicates);
      const malformed = random.chance(rates.malformed);
      const occurredMs = Date.parse(event.time);
      const atMs = late
        ? lateDelivery(occurredMs, random)
        : onTimeDelivery(ROLE_BY_EVENT_TYPE[event.type], occurredMs, random);
      add(atMs, eventDelivery(device, event, atMs, 'event', late));
      if (duplicated) {
        const againMs = duplicateDelivery(atMs, random);
        add(againMs, eventDelivery(device, event, againMs, 'duplicate', false));
      }
      if (malformed) {
        const brokenMs = malformedDelivery(atMs, random);
        add(brokenMs, malformedDeliveryOf(device, event, brokenMs, random));
      }
    }
  }
  return planned;
}
