import { CycleAnomaly } from './cycle-issue';
import { TimedEvent, eventsOfType } from './event-order';

export interface ResaleCancellation {
  cancelledResaleIds: ReadonlySet<string>;
  /** Findings about returns, keyed by the return's event id: each is reported in the return's own cycle. */
  anomaliesByReturnId: ReadonlyMap<string, readonly CycleAnomaly[]>;
}

/**
 * Matches returns to resales by orderId across the whole device, not per cycle: an order identifies one
 * sale, while a return's time can land in the next window (a late or mis-dated return) and must still
 * cancel the sale it belongs to. A return cancels every resale of its order (a re-sent resale with a
 * new id is the same sale). A return with no resale is recorded, not an error: the resale may still
 * arrive. A return dated before its resale still cancels it (never over-credit) and is flagged.
 */
export function matchReturnsToResales(ordered: readonly TimedEvent[]): ResaleCancellation {
  const resalesByOrder = new Map<string, TimedEvent[]>();
  for (const resale of eventsOfType(ordered, 'device.resold')) {
    const sameOrder = resalesByOrder.get(resale.event.data.orderId) ?? [];
    sameOrder.push(resale);
    resalesByOrder.set(resale.event.data.orderId, sameOrder);
  }
  const cancelledResaleIds = new Set<string>();
  const anomaliesByReturnId = new Map<string, CycleAnomaly[]>();
  for (const ret of eventsOfType(ordered, 'device.returned')) {
    const { orderId } = ret.event.data;
    const resales = resalesByOrder.get(orderId) ?? [];
    const anomalies: CycleAnomaly[] = [];
    if (resales.length === 0) {
      anomalies.push({ code: 'CYCLE.RETURN_WITHOUT_RESALE', eventId: ret.event.id, orderId });
    }
    for (const resale of resales) {
      cancelledResaleIds.add(resale.event.id);
      if (ret.at < resale.at) {
        anomalies.push({
          code: 'CYCLE.RETURN_BEFORE_RESALE',
          eventId: ret.event.id,
          resaleEventId: resale.event.id,
          orderId,
        });
      }
    }
    if (anomalies.length > 0) anomaliesByReturnId.set(ret.event.id, anomalies);
  }
  return { cancelledResaleIds, anomaliesByReturnId };
}
