import { AnyDeviceEvent } from '@refurb/contracts';
import { DeadLetterReason } from '@refurb/kafka';
import { AdmittedEvent } from './event-admission';

/** How much history the tracker keeps per device (TRACKER_MAX_EVENTS_PER_DEVICE / _PER_ORDER). */
export interface HistoryLimits {
  eventsPerDevice: number;
  /** Resales and returns of one order id on one device. */
  eventsPerOrder: number;
}

export const HISTORY_LIMITS = Symbol('HISTORY_LIMITS');

export const HistoryLimitCode = {
  DEVICE: 'TRACKER.DEVICE_HISTORY_LIMIT',
  ORDER: 'TRACKER.ORDER_HISTORY_LIMIT',
} as const;

/** Events already stored, per device and per (device, order). */
export interface StoredHistorySizes {
  eventsOf(deviceId: string): number;
  orderEventsOf(deviceId: string, orderId: string): number;
}

/**
 * The sizes counted from the devices' stored histories, loaded once per transaction under the devices'
 * locks (the same load the cycles are then derived from). A device not in `histories` holds nothing.
 */
export function historySizesOf(
  histories: ReadonlyMap<string, readonly AnyDeviceEvent[]>,
): StoredHistorySizes {
  return {
    eventsOf: (deviceId) => histories.get(deviceId)?.length ?? 0,
    orderEventsOf: (deviceId, orderId) =>
      (histories.get(deviceId) ?? []).filter((event) => orderIdOf(event) === orderId).length,
  };
}

export interface OverLimitEvent {
  candidate: AdmittedEvent;
  reason: DeadLetterReason;
}

export interface LimitedEvents {
  within: AdmittedEvent[];
  overLimit: OverLimitEvent[];
}

/** The order an event belongs to, for the events that name one. */
export function orderIdOf(event: AnyDeviceEvent): string | null {
  return event.type === 'device.resold' || event.type === 'device.returned' ? event.data.orderId : null;
}

/**
 * Splits events not stored yet into those that fit their device's and order's history and those past a
 * limit. Taken in batch order, so when a batch itself crosses a limit the first events fit and the rest
 * are refused; refused events take no room. Duplicates of stored events must not be passed: they are
 * acknowledged whatever the limits.
 */
export function applyHistoryLimits(
  fresh: readonly AdmittedEvent[],
  stored: StoredHistorySizes,
  limits: HistoryLimits,
): LimitedEvents {
  const added = new Map<string, number>();
  const size = (key: string, storedSize: () => number) => added.get(key) ?? storedSize();
  const within: AdmittedEvent[] = [];
  const overLimit: OverLimitEvent[] = [];
  for (const candidate of fresh) {
    const deviceId = candidate.event.subject;
    const orderId = orderIdOf(candidate.event);
    const deviceKey = JSON.stringify([deviceId]);
    const deviceSize = size(deviceKey, () => stored.eventsOf(deviceId));
    if (deviceSize >= limits.eventsPerDevice) {
      overLimit.push({ candidate, reason: deviceLimitReached(deviceId, limits.eventsPerDevice) });
      continue;
    }
    const orderKey = JSON.stringify([deviceId, orderId]);
    const orderSize = orderId === null ? 0 : size(orderKey, () => stored.orderEventsOf(deviceId, orderId));
    if (orderId !== null && orderSize >= limits.eventsPerOrder) {
      overLimit.push({ candidate, reason: orderLimitReached(deviceId, orderId, limits.eventsPerOrder) });
      continue;
    }
    added.set(deviceKey, deviceSize + 1);
    if (orderId !== null) added.set(orderKey, orderSize + 1);
    within.push(candidate);
  }
  return { within, overLimit };
}

function deviceLimitReached(deviceId: string, limit: number): DeadLetterReason {
  return {
    code: HistoryLimitCode.DEVICE,
    message: `${deviceId} already holds ${limit} events, the most one device may (TRACKER_MAX_EVENTS_PER_DEVICE)`,
  };
}

function orderLimitReached(deviceId: string, orderId: string, limit: number): DeadLetterReason {
  return {
    code: HistoryLimitCode.ORDER,
    message:
      `Order ${JSON.stringify(orderId)} of ${deviceId} already holds ${limit} resales and returns, ` +
      'the most one order may (TRACKER_MAX_EVENTS_PER_ORDER)',
    field: 'data.orderId',
  };
}
