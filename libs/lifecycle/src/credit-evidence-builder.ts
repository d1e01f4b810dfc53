import { CreditEvidence, EvidenceLeg, ReplacedPart } from './credit-evidence';
import { CycleEventRef } from './cycle-event-ref';
import { EventOfType, TimedEvent } from './event-order';

export interface CreditBasis {
  deviceId: string;
  cycleId: string;
  collection: TimedEvent<EventOfType<'device.collected'>>;
  refurbishment: TimedEvent<EventOfType<'device.refurbished'>>;
  resale: TimedEvent<EventOfType<'device.resold'>>;
  /** Every distinct event of the cycle, in event order. */
  events: readonly TimedEvent[];
}

/**
 * Parts and legs count whenever they happened in the cycle, even after the resale: more evidence of
 * emissions only ever lowers the credit (docs/methodology.md#avoided-emissions). Parts keep their
 * multiplicity inside a repair event (two batteries listed are two batteries); a duplicate event was
 * already dropped.
 */
export function buildCreditEvidence(basis: CreditBasis): CreditEvidence {
  const { collection, refurbishment, resale } = basis;
  const partsReplaced: ReplacedPart[] = [];
  const legs: EvidenceLeg[] = [];
  const evidenceIds = new Set([collection.event.id, refurbishment.event.id, resale.event.id]);
  for (const { event } of basis.events) {
    if (event.type === 'device.repaired' && event.data.partsReplaced.length > 0) {
      evidenceIds.add(event.id);
      for (const part of event.data.partsReplaced) partsReplaced.push({ eventId: event.id, part });
    }
    if (
      (event.type === 'device.collected' ||
        event.type === 'device.diagnosed' ||
        event.type === 'device.repaired' ||
        event.type === 'device.refurbished') &&
      event.data.transport !== undefined
    ) {
      evidenceIds.add(event.id);
      const { distanceKm, mode } = event.data.transport;
      legs.push({ eventId: event.id, distanceKm, mode });
    }
  }
  const evidenceEvents: CycleEventRef[] = basis.events
    .filter(({ event }) => evidenceIds.has(event.id))
    .map(({ event }) => ({ eventId: event.id, type: event.type, time: event.time }));
  return {
    deviceId: basis.deviceId,
    cycleId: basis.cycleId,
    category: collection.event.data.category,
    collectionEventId: collection.event.id,
    refurbishmentEventId: refurbishment.event.id,
    workshopId: refurbishment.event.data.workshopId,
    erasureCertificateId: refurbishment.event.data.erasureCertificateId,
    creditedResaleEventId: resale.event.id,
    orderId: resale.event.data.orderId,
    country: resale.event.data.country,
    vintage: new Date(resale.at).getUTCFullYear(),
    evidenceEvents,
    partsReplaced,
    legs,
  };
}
