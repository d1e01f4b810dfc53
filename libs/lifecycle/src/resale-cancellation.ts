import { CycleAnomaly } from './cycle-issue';
import { TimedEvent, eventsOfType } from './event-order';

export interface ResaleCancellation {
  cancelledResaleIds: ReadonlySet<string>;
  /** Findings about returns, keyed by the return's event id: each is reported in the return's own cycle. */
  anomaliesByReturnId: ReadonlyMap<string, readonly CycleAnomaly[]>;
}

interface OrderEvents {
  resales: TimedEvent[];
  returns: TimedEvent[];
}

/**
 * Matches returns to resales by orderId across the whole device, not per cycle: an order identifies one
 * sale, while a return's time can land in the next window (a late or mis-dated return) and must still
 * cancel the sale it belongs to. A return cancels every resale of its order (a re-sent resale with a
 * new id is the same sale). A return with no resale is recorded, not an error: the resale may still
 * arrive. A return dated before its resale still cancels it (never over-credit) and is flagged.
 *
 * Linear in the device's events: a hostile history of n returns and m resales of one order would
 * otherwise hold n × m findings (docs/decisions.md, decision 34).
 */
export function matchReturnsToResales(ordered: readonly TimedEvent[]): ResaleCancellation {
  const orders = new Map<string, OrderEvents>();
  const orderOf = (orderId: string): OrderEvents => {
    let order = orders.get(orderId);
    if (!order) orders.set(orderId, (order = { resales: [], returns: [] }));
    return order;
  };
  for (const resale of eventsOfType(ordered, 'device.resold'))
    orderOf(resale.event.data.orderId).resales.push(resale);
  for (const ret of eventsOfType(ordered, 'device.returned'))
    orderOf(ret.event.data.orderId).returns.push(ret);

  const cancelledResaleIds = new Set<string>();
  const anomaliesByReturnId = new Map<string, CycleAnomaly[]>();
  for (const [orderId, { resales, returns }] of orders) {
    if (returns.length === 0) continue;
    for (const resale of resales) cancelledResaleIds.add(resale.event.id);
    const misdated = misdatedPairs(returns, resales);
    returns.forEach((ret, r) => {
      const anomalies: CycleAnomaly[] =
        resales.length === 0 ? [{ code: 'CYCLE.RETURN_WITHOUT_RESALE', eventId: ret.event.id, orderId }] : [];
      for (const s of misdated[r]) {
        anomalies.push({
          code: 'CYCLE.RETURN_BEFORE_RESALE',
          eventId: ret.event.id,
          resaleEventId: resales[s].event.id,
          orderId,
        });
      }
      if (anomalies.length > 0) anomaliesByReturnId.set(ret.event.id, anomalies);
    });
  }
  return { cancelledResaleIds, anomaliesByReturnId };
}

/**
 * Which (return, resale) pairs of one order to flag as a return dated before its resale, as resale
 * indices per return, ascending. Every return dated before some resale is flagged with the first such
 * resale, and every resale dated after some return is flagged with the last such return: each event
 * involved is named at least once, in at most returns + resales findings. With one return or one resale
 * per order (every real case) that is exactly every misdated pair.
 *
 * Both lists are in event order, hence by time: two cursors find both ends.
 */
function misdatedPairs(returns: readonly TimedEvent[], resales: readonly TimedEvent[]): number[][] {
  const pairs: number[][] = returns.map(() => []);
  let firstLater = 0;
  returns.forEach((ret, r) => {
    while (firstLater < resales.length && resales[firstLater].at <= ret.at) firstLater++;
    if (firstLater < resales.length) pairs[r].push(firstLater);
  });
  let lastEarlier = -1;
  resales.forEach((resale, s) => {
    while (lastEarlier + 1 < returns.length && returns[lastEarlier + 1].at < resale.at) lastEarlier++;
    // The return's first later resale is this one or an earlier one: it was pushed first already.
    if (lastEarlier >= 0 && pairs[lastEarlier][0] !== s) pairs[lastEarlier].push(s);
  });
  return pairs;
}
