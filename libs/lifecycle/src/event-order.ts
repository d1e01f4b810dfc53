import { AnyDeviceEvent, canonicalJson, DeviceEventType } from '@refurb/contracts';

export type EventOfType<T extends DeviceEventType> = Extract<AnyDeviceEvent, { type: T }>;

/** An event with its occurrence time parsed once, in epoch milliseconds. */
export interface TimedEvent<E extends AnyDeviceEvent = AnyDeviceEvent> {
  readonly event: E;
  readonly at: number;
}

/**
 * Only breaks ties between events of different types at the same instant, so that lists read in
 * lifecycle order. No rule depends on it: windows, the credited resale and the chosen refurbishment
 * compare time, then id, within one type.
 */
const TYPE_PRECEDENCE: Readonly<Record<DeviceEventType, number>> = {
  'device.collected': 0,
  'device.diagnosed': 1,
  'device.repaired': 2,
  'device.refurbished': 3,
  'device.resold': 4,
  'device.returned': 5,
  'device.recycled': 6,
};

/** Code-unit order: locale-independent, so every machine sorts ids the same way. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Event order used everywhere: occurrence time, then type precedence, then event id. */
function compareTimedEvents(a: TimedEvent, b: TimedEvent): number {
  return (
    a.at - b.at ||
    TYPE_PRECEDENCE[a.event.type] - TYPE_PRECEDENCE[b.event.type] ||
    compareIds(a.event.id, b.event.id)
  );
}

/**
 * Distinct events (by id) in event order. Exact duplicates count once. A reused id with a different
 * payload is rejected upstream (EVENT_ID_REUSED); should one slip through, the copy with the smallest
 * canonical JSON wins so the result still does not depend on arrival order.
 */
export function orderDistinctEvents(events: readonly AnyDeviceEvent[]): TimedEvent[] {
  const byId = new Map<string, AnyDeviceEvent>();
  for (const event of events) {
    const kept = byId.get(event.id);
    if (kept === undefined || (kept !== event && canonicalJson(event) < canonicalJson(kept))) {
      byId.set(event.id, event);
    }
  }
  return [...byId.values()].map(toTimed).sort(compareTimedEvents);
}

function toTimed(event: AnyDeviceEvent): TimedEvent {
  const at = Date.parse(event.time);
  // A NaN would make the sort inconsistent and the result arrival-dependent: fail loudly instead.
  if (Number.isNaN(at)) throw new RangeError(`event ${event.id} has an unparseable time '${event.time}'`);
  return { event, at };
}

export function eventsOfType<T extends DeviceEventType>(
  events: readonly TimedEvent[],
  type: T,
): TimedEvent<EventOfType<T>>[] {
  return events.filter((e): e is TimedEvent<EventOfType<T>> => e.event.type === type);
}
