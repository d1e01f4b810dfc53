import { DeviceCategory, DeviceEventType, partExistsIn } from '@refurb/contracts';
import { buildCreditEvidence } from './credit-evidence-builder';
import { CycleWindow } from './cycle-windows';
import { CycleAnomaly, CycleConflict } from './cycle-issue';
import { cycleIdOf } from './cycle-id';
import { CycleState } from './cycle-state';
import { DeviceCycle } from './device-cycle';
import { EventOfType, TimedEvent, eventsOfType } from './event-order';
import { ResaleCancellation } from './resale-cancellation';

/** Applies the crediting rules of docs/methodology.md#cycle-rules to one window. */
export function assessCycle(
  deviceId: string,
  window: CycleWindow,
  cancellation: ResaleCancellation,
): DeviceCycle {
  const { collection, events } = window;
  const cycleId = cycleIdOf(deviceId, collection?.event.id ?? null);
  const category = collection?.event.data.category ?? null;

  // Events are in event order, so the first of a type is the earliest (ties by id).
  const recycling = eventsOfType(events, 'device.recycled')[0] ?? null;
  const uncancelledResales = eventsOfType(events, 'device.resold').filter(
    (r) => !cancellation.cancelledResaleIds.has(r.event.id),
  );
  const creditedResale = recycling === null ? (uncancelledResales[0] ?? null) : null;
  const refurbishments = eventsOfType(events, 'device.refurbished').filter(
    (r) => r.event.data.erasureCertificateId.trim() !== '',
  );
  const refurbishment = creditedResale === null ? null : latestAtOrBefore(refurbishments, creditedResale.at);

  const partAnomalies = category === null ? [] : partsNotInCategory(events, category);
  const anomalies: CycleAnomaly[] = [...partAnomalies];
  for (const { event } of events) {
    // Not spread into push: a long list of arguments can overflow the stack.
    for (const anomaly of cancellation.anomaliesByReturnId.get(event.id) ?? []) anomalies.push(anomaly);
  }

  const state = ((): CycleState => {
    if (recycling !== null) return 'recycled';
    if (partAnomalies.length > 0) return 'blocked';
    if (collection === null) return 'pending-evidence';
    if (creditedResale !== null) return refurbishment === null ? 'pending-evidence' : 'eligible';
    if (refurbishments.length > 0) return 'refurbished';
    return events.some((e) => isWorkshopStep(e.event.type)) ? 'in-workshop' : 'collected';
  })();

  const credit =
    state === 'eligible' && collection !== null && refurbishment !== null && creditedResale !== null
      ? buildCreditEvidence({ deviceId, cycleId, collection, refurbishment, resale: creditedResale, events })
      : null;

  return {
    cycleId,
    deviceId,
    collectionEventId: collection?.event.id ?? null,
    category,
    startsAt: collection?.event.time ?? null,
    endsBefore: window.next?.event.time ?? null,
    state,
    creditedResaleEventId: creditedResale?.event.id ?? null,
    events: events.map(({ event }) => ({ eventId: event.id, type: event.type, time: event.time })),
    conflicts: conflictsOf(uncancelledResales, creditedResale, recycling),
    anomalies,
    credit,
  };
}

function conflictsOf(
  uncancelledResales: readonly TimedEvent<EventOfType<'device.resold'>>[],
  creditedResale: TimedEvent | null,
  recycling: TimedEvent | null,
): CycleConflict[] {
  if (recycling !== null) {
    return uncancelledResales.map((r) => ({
      code: 'CYCLE.RESALE_IN_RECYCLED_CYCLE',
      recycledEventId: recycling.event.id,
      conflictingEventId: r.event.id,
    }));
  }
  if (creditedResale === null) return [];
  return uncancelledResales
    .filter((r) => r !== creditedResale)
    .map((r) => ({
      code: 'CYCLE.CONFLICTING_RESALE',
      creditedEventId: creditedResale.event.id,
      conflictingEventId: r.event.id,
    }));
}

/** At the same instant the largest id wins, the mirror of "earliest = smallest id". */
function latestAtOrBefore<E extends TimedEvent>(ordered: readonly E[], at: number): E | null {
  let latest: E | null = null;
  for (const item of ordered) {
    if (item.at > at) break;
    latest = item;
  }
  return latest;
}

function partsNotInCategory(events: readonly TimedEvent[], category: DeviceCategory): CycleAnomaly[] {
  const anomalies: CycleAnomaly[] = [];
  for (const { event } of eventsOfType(events, 'device.repaired')) {
    const parts = event.data.partsReplaced.filter((part) => !partExistsIn(category, part));
    if (parts.length > 0) {
      anomalies.push({ code: 'CYCLE.PART_NOT_IN_CATEGORY', eventId: event.id, category, parts });
    }
  }
  return anomalies;
}

function isWorkshopStep(type: DeviceEventType): boolean {
  return type === 'device.diagnosed' || type === 'device.repaired' || type === 'device.refurbished';
}
