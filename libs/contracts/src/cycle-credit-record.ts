import { DeviceCategory, PartName, TransportMode } from './device-category';
import { DeviceEventType } from './device-event';

/**
 * The records the tracker publishes on `devices.credited.v1` (key = deviceId), one per change of a
 * cycle's credit. They form, per cycle, an alternating sequence credit, reversal, credit, ... in which
 * every reversal cancels exactly the credit before it. Ids are deterministic (`<cycleId>/credit/<n>`,
 * `<cycleId>/reversal/<n>`) so a record produced twice (outbox at-least-once) is recognised downstream.
 */
export const CYCLE_CREDIT_RECORD_TYPES = ['cycle.credited', 'cycle.credit-reversed'] as const;
export type CycleCreditRecordType = (typeof CYCLE_CREDIT_RECORD_TYPES)[number];

export const CYCLE_CREDIT_SOURCE = 'refurb-ledger/tracker';

export interface CreditEvidenceEvent {
  eventId: string;
  type: DeviceEventType;
  /** Occurrence time, canonical ISO UTC. */
  time: string;
}

/** What the verifier needs to trace the credit to devices and evidence events. */
export interface CycleCreditEvidence {
  deviceId: string;
  cycleId: string;
  category: DeviceCategory;
  collectionEventId: string;
  refurbishmentEventId: string;
  workshopId: string;
  erasureCertificateId: string;
  creditedResaleEventId: string;
  orderId: string;
  country: string;
  vintage: number;
  evidenceEvents: CreditEvidenceEvent[];
  partsReplaced: { eventId: string; part: PartName }[];
  legs: { eventId: string; distanceKm: number; mode: TransportMode }[];
}

/** The `RL-REFURB-1` figure and every component needed to recompute it (integer grams CO2e). */
export interface CycleCreditEmissions {
  methodology: 'RL-REFURB-1';
  factorSetVersion: string;
  baselineG: number;
  newDeviceG: number;
  refurbishedShareBp: number;
  eolG: number;
  lightRefurbishmentG: number;
  partsG: number;
  transportG: number;
  projectG: number;
  avoidedG: number;
}

export interface CycleCreditData {
  changeId: string;
  kind: 'credit' | 'reversal';
  cycleId: string;
  deviceId: string;
  /** Position of this change in the cycle's credit history, from 1. */
  sequence: number;
  /** For a reversal: the credit it cancels. Its evidence and emissions are repeated here. */
  reversesChangeId?: string;
  /** sha256 of the evidence; equal fingerprints mean the same credited evidence. */
  fingerprint: string;
  evidence: CycleCreditEvidence;
  emissions: CycleCreditEmissions;
  /** Signed contribution to a batch: `emissions.avoidedG` for a credit, its negation for a reversal. */
  signedAvoidedG: number;
}

export interface CycleCreditRecord {
  specversion: '1.0';
  id: string;
  source: typeof CYCLE_CREDIT_SOURCE;
  type: CycleCreditRecordType;
  /** The cycle id. */
  subject: string;
  /** When the tracker decided the change (not part of the record's identity). */
  time: string;
  datacontenttype: 'application/json';
  data: CycleCreditData;
}
