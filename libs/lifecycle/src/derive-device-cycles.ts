import { AnyDeviceEvent } from '@refurb/contracts';
import { assessCycle } from './cycle-assessment';
import { splitIntoWindows } from './cycle-windows';
import { DeviceCycles } from './device-cycle';
import { orderDistinctEvents } from './event-order';
import { matchReturnsToResales } from './resale-cancellation';

/**
 * Derives every cycle of one device from the full set of its events. Pure and order-independent: any
 * permutation of the input, with or without exact duplicates, yields a deep-equal result, because every
 * decision is taken on the distinct events sorted by (time, type precedence, id).
 *
 * Throws on caller errors only (no events, events of several devices, an unparseable time): those are
 * bugs in the caller, not business outcomes.
 */
export function deriveDeviceCycles(events: readonly AnyDeviceEvent[]): DeviceCycles {
  const deviceId = singleDeviceId(events);
  const ordered = orderDistinctEvents(events);
  const cancellation = matchReturnsToResales(ordered);
  return {
    deviceId,
    cycles: splitIntoWindows(ordered).map((window) => assessCycle(deviceId, window, cancellation)),
  };
}

function singleDeviceId(events: readonly AnyDeviceEvent[]): string {
  if (events.length === 0) throw new RangeError('deriveDeviceCycles needs at least one event');
  const deviceId = events[0].subject;
  const stranger = events.find((e) => e.subject !== deviceId);
  if (stranger !== undefined) {
    throw new RangeError(`deriveDeviceCycles got events of ${deviceId} and ${stranger.subject}`);
  }
  return deviceId;
}
