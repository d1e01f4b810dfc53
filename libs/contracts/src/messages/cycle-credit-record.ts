import { normaliseCountryCode } from '../country-code';
import {
  DEVICE_CATEGORIES,
  DeviceCategory,
  MAX_LEG_DISTANCE_KM,
  PART_NAMES,
  PartName,
  TRANSPORT_MODES,
  TransportLeg,
} from '../device-category';
import { DEVICE_EVENT_TYPES, DeviceEventType } from '../device-event';
import { isCanonicalDeviceId } from '../device-id';
import { METHODOLOGY, Methodology } from '../methodology';
import { parseRfc3339 } from '../rfc3339';
import { STRUCTURED_HEADERS } from '../cloud-event-codec';
import { TOPICS } from '../topics';
import { JsonReader } from './json-reader';
import { MessageRead, readJson } from './message-read';
import { RECORD_LIMITS } from './record-limits';
import { RecordSigner } from '../signing/record-signature';
import { TopicRecord } from './topic-record';

/**
 * The records the tracker publishes on `devices.credited.v1` (key = deviceId), one per change of a
 * cycle's credit. They form, per cycle, an alternating sequence credit, reversal, credit, ... in which
 * every reversal cancels exactly the credit before it. Ids are deterministic (`<cycleId>/credit/<n>`,
 * `<cycleId>/reversal/<n>`) so a record produced twice (outbox at-least-once) is recognised downstream.
 */
export const CYCLE_CREDIT_RECORD_TYPES = ['cycle.credited', 'cycle.credit-reversed'] as const;
export type CycleCreditRecordType = (typeof CYCLE_CREDIT_RECORD_TYPES)[number];

export const CYCLE_CREDIT_SOURCE = 'refurb-ledger/tracker';

/** Enough of an event for an operator or a verifier to find it again and place it on the timeline. */
export interface CreditEvidenceEvent {
  eventId: string;
  type: DeviceEventType;
  /** The event's own occurrence time, as received (canonical ISO UTC). */
  time: string;
}

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
 * Everything downstream needs to compute and audit the credit of one eligible cycle: what the
 * verifier needs to trace the credit to devices and evidence events. The tracker's cycle derivation
 * (libs/lifecycle) builds exactly this. Every list is in event order (time, type precedence, id), parts
 * and legs then in their order inside the event.
 */
export interface CycleCreditEvidence {
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
  evidenceEvents: readonly CreditEvidenceEvent[];
  partsReplaced: readonly ReplacedPart[];
  legs: readonly EvidenceLeg[];
}

/** The `RL-REFURB-1` figure and every component needed to recompute it (integer grams CO2e). */
export interface CycleCreditEmissions {
  methodology: Methodology;
  factorSetVersion: string;
  /** BE_g: market-mix supply of a device plus end-of-life treatment of the used one. */
  baselineG: number;
  /** new_g of the category: manufacture of a new device. */
  newDeviceG: number;
  /** s_bp of the category, needed with newDeviceG and lightRefurbishmentG to recompute BE_g. */
  refurbishedShareBp: number;
  eolG: number;
  lightRefurbishmentG: number;
  partsG: number;
  transportG: number;
  /** PE_g = light + parts + transport. */
  projectG: number;
  /** max(0, BE_g - PE_g). */
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

/** Factor-set versions end up in batch keys, URLs and CSV metadata: kept to a safe alphabet. */
export const FACTOR_SET_VERSION_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** The record announcing one change of a cycle's credit, decided at `decidedAt`. */
export function cycleCreditRecord(data: CycleCreditData, decidedAt: Date): CycleCreditRecord {
  return {
    specversion: '1.0',
    id: data.changeId,
    source: CYCLE_CREDIT_SOURCE,
    type: data.kind === 'credit' ? 'cycle.credited' : 'cycle.credit-reversed',
    subject: data.cycleId,
    time: decidedAt.toISOString(),
    datacontenttype: 'application/json',
    data,
  };
}

/**
 * The Kafka record of a credit change: structured-mode JSON, signed by the tracker (issuance trusts no
 * record for the topic it came on), keyed by device so a device's changes stay ordered.
 */
export function cycleCreditTopicRecord(
  data: CycleCreditData,
  decidedAt: Date,
  signer: RecordSigner,
): TopicRecord {
  return {
    topic: TOPICS.credited,
    key: data.deviceId,
    value: Buffer.from(JSON.stringify(signer.sign(cycleCreditRecord(data, decidedAt)))),
    headers: { ...STRUCTURED_HEADERS },
  };
}

const MIN_VINTAGE = RECORD_LIMITS.minVintage;
const MAX_VINTAGE = RECORD_LIMITS.maxVintage;
const MAX_ITEMS = RECORD_LIMITS.items;
const MAX_BP = RECORD_LIMITS.basisPoints;
const ID = RECORD_LIMITS.id;
const IDENTIFIER = RECORD_LIMITS.identifier;

/**
 * Checks that a decoded CloudEvent is a CycleCreditRecord and rebuilds it from the declared members
 * only, so what a consumer keeps is exactly the contract. Identity rules are checked too (id =
 * data.changeId, subject = cycleId, type matches kind, signed figure matches kind), because a line's
 * sign and key are derived from them. Never throws for bad input.
 */
export function parseCycleCreditRecord(envelope: unknown): MessageRead<CycleCreditRecord> {
  return readJson(envelope, 'cycle credit record', readRecord);
}

function readRecord(envelope: JsonReader): CycleCreditRecord {
  envelope.oneOf('specversion', ['1.0']);
  const id = envelope.text('id', ID);
  envelope.oneOf('source', [CYCLE_CREDIT_SOURCE]);
  const type = envelope.oneOf('type', CYCLE_CREDIT_RECORD_TYPES);
  const subject = envelope.text('subject', ID);
  const time = timestamp(envelope, 'time');
  if (envelope.has('datacontenttype')) envelope.oneOf('datacontenttype', ['application/json']);
  const data = readData(envelope.object('data'));
  envelope.check(id === data.changeId, 'id', 'must equal data.changeId');
  envelope.check(subject === data.cycleId, 'subject', 'must equal data.cycleId');
  const expectedType = data.kind === 'credit' ? 'cycle.credited' : 'cycle.credit-reversed';
  envelope.check(type === expectedType, 'type', `must be ${expectedType} for a ${data.kind}`);
  return {
    specversion: '1.0',
    id,
    source: CYCLE_CREDIT_SOURCE,
    type,
    subject,
    time,
    datacontenttype: 'application/json',
    data,
  };
}

function readData(data: JsonReader): CycleCreditData {
  const changeId = data.text('changeId', ID);
  const kind = data.oneOf('kind', ['credit', 'reversal'] as const);
  const cycleId = data.text('cycleId', ID * 2);
  const deviceId = data.text('deviceId', ID);
  data.check(isCanonicalDeviceId(deviceId), 'deviceId', 'must be a canonical device id');
  const sequence = data.integer('sequence', 1, Number.MAX_SAFE_INTEGER);
  const reversesChangeId =
    kind === 'reversal'
      ? data.text('reversesChangeId', ID)
      : data.absent('reversesChangeId', 'is only for a reversal');
  const fingerprint = data.text('fingerprint', ID);
  const evidence = readEvidence(data.object('evidence'));
  data.check(evidence.deviceId === deviceId, 'evidence.deviceId', 'must equal data.deviceId');
  data.check(evidence.cycleId === cycleId, 'evidence.cycleId', 'must equal data.cycleId');
  const emissions = readEmissions(data.object('emissions'));
  const signedAvoidedG = data.integer('signedAvoidedG', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const expected = kind === 'credit' ? emissions.avoidedG : -emissions.avoidedG;
  data.check(signedAvoidedG === expected, 'signedAvoidedG', `must be ${expected} for a ${kind}`);
  return {
    changeId,
    kind,
    cycleId,
    deviceId,
    sequence,
    ...(reversesChangeId === undefined ? {} : { reversesChangeId }),
    fingerprint,
    evidence,
    emissions,
    signedAvoidedG,
  };
}

function timestamp(reader: JsonReader, key: string): string {
  const value = reader.text(key, RECORD_LIMITS.timestamp);
  reader.check(parseRfc3339(value) !== undefined, key, 'must be an RFC 3339 timestamp');
  return value;
}

function readEvidence(evidence: JsonReader): CycleCreditEvidence {
  const country = evidence.text('country', 2);
  evidence.check(normaliseCountryCode(country) === country, 'country', 'must be an ISO 3166-1 alpha-2 code');
  return {
    deviceId: evidence.text('deviceId', ID),
    cycleId: evidence.text('cycleId', ID * 2),
    category: evidence.oneOf('category', DEVICE_CATEGORIES),
    collectionEventId: evidence.text('collectionEventId', ID),
    refurbishmentEventId: evidence.text('refurbishmentEventId', ID),
    workshopId: evidence.text('workshopId', IDENTIFIER),
    erasureCertificateId: evidence.text('erasureCertificateId', IDENTIFIER),
    creditedResaleEventId: evidence.text('creditedResaleEventId', ID),
    orderId: evidence.text('orderId', IDENTIFIER),
    country,
    vintage: evidence.integer('vintage', MIN_VINTAGE, MAX_VINTAGE),
    evidenceEvents: evidence.list('evidenceEvents', MAX_ITEMS, readEvidenceEvent),
    partsReplaced: evidence.list('partsReplaced', MAX_ITEMS, (part) => ({
      eventId: part.text('eventId', ID),
      part: part.oneOf('part', PART_NAMES),
    })),
    legs: evidence.list('legs', MAX_ITEMS, (leg) => ({
      eventId: leg.text('eventId', ID),
      distanceKm: leg.integer('distanceKm', 0, MAX_LEG_DISTANCE_KM),
      mode: leg.oneOf('mode', TRANSPORT_MODES),
    })),
  };
}

function readEvidenceEvent(event: JsonReader): CreditEvidenceEvent {
  return {
    eventId: event.text('eventId', ID),
    type: event.oneOf('type', DEVICE_EVENT_TYPES),
    time: timestamp(event, 'time'),
  };
}

function readEmissions(emissions: JsonReader): CycleCreditEmissions {
  const grams = (key: string) => emissions.integer(key, 0, Number.MAX_SAFE_INTEGER);
  return {
    methodology: emissions.oneOf('methodology', [METHODOLOGY]),
    factorSetVersion: emissions.text(
      'factorSetVersion',
      RECORD_LIMITS.factorSetVersion,
      FACTOR_SET_VERSION_PATTERN,
    ),
    baselineG: grams('baselineG'),
    newDeviceG: grams('newDeviceG'),
    refurbishedShareBp: emissions.integer('refurbishedShareBp', 0, MAX_BP),
    eolG: grams('eolG'),
    lightRefurbishmentG: grams('lightRefurbishmentG'),
    partsG: grams('partsG'),
    transportG: grams('transportG'),
    projectG: grams('projectG'),
    avoidedG: grams('avoidedG'),
  };
}
