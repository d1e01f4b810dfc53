import { DeviceCategory, PartName, TransportLeg } from '@refurb/contracts/device-category';
import { CycleEventRef } from './cycle-event-ref';

/** One replaced part, traced to the repair that reported it. */
export interface ReplacedPart {
  eventId: string;
  part: PartName;
}

/** One transport leg, traced to the step that reported it; assignable to `TransportLeg`. */
export interface EvidenceLeg extends TransportLeg {
  eventId: string;
}

/**
 * Everything downstream needs to compute and audit the credit of one eligible cycle. Every list is in
 * event order (time, type precedence, id), parts and legs then in their order inside the event.
 */
export interface CreditEvidence {
  deviceId: string;
  cycleId: string;
  category: DeviceCategory;
  collectionEventId: string;
  /** The latest `device.refurbished` (with an erasure certificate) at or before the credited resale. */
  refurbishmentEventId: string;
  workshopId: string;
  erasureCertificateId: string;
  creditedResaleEventId: string;
  orderId: string;
  /** ISO 3166-1 alpha-2 country of the credited resale. */
  country: string;
  /** UTC year of the credited resale. */
  vintage: number;
  /** The collection, the refurbishment, the credited resale and every event contributing a part or a leg. */
  evidenceEvents: readonly CycleEventRef[];
  partsReplaced: readonly ReplacedPart[];
  legs: readonly EvidenceLeg[];
}
