import {
  CreditEvidenceEvent,
  CYCLE_CREDIT_RECORD_TYPES,
  CYCLE_CREDIT_SOURCE,
  CycleCreditData,
  CycleCreditEmissions,
  CycleCreditEvidence,
  CycleCreditRecord,
} from '@refurb/contracts/cycle-credit-record';
import { normaliseCountryCode } from '@refurb/contracts/country-code';
import { DEVICE_CATEGORIES, PART_NAMES, TRANSPORT_MODES } from '@refurb/contracts/device-category';
import { DEVICE_EVENT_TYPES } from '@refurb/contracts/device-event';
import { isCanonicalDeviceId } from '@refurb/contracts/device-id';
import { parseRfc3339 } from '@refurb/contracts/rfc3339';
import { METHODOLOGY } from '@refurb/emissions/avoided-emissions';
import { CreditLineCode, CreditLineProblem } from './credit-line-codes';
import { JsonReader, JsonShapeError } from './json-reader';

export type CreditRecordParse =
  { ok: true; record: CycleCreditRecord } | { ok: false; problem: CreditLineProblem };

/** Factor-set versions end up in batch keys, URLs and CSV metadata: kept to a safe alphabet. */
export const FACTOR_SET_VERSION_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const MIN_VINTAGE = 2000;
const MAX_VINTAGE = 9999;
const MAX_ITEMS = 1000;
const MAX_BP = 10_000;
const MAX_DISTANCE_KM = 20_000;
const ID = 256;
const IDENTIFIER = 128;

/**
 * Checks that a decoded CloudEvent is a CycleCreditRecord (libs/contracts) and rebuilds it from the
 * declared members only, so what is stored is exactly the contract. Identity rules are checked too
 * (id = data.changeId, subject = cycleId, type matches kind, signed figure matches kind), because a
 * line's sign and key are derived from them. Never throws for bad input.
 */
export function parseCycleCreditRecord(envelope: unknown): CreditRecordParse {
  try {
    return { ok: true, record: readRecord(JsonReader.of(envelope)) };
  } catch (error) {
    if (!(error instanceof JsonShapeError)) throw error;
    return {
      ok: false,
      problem: {
        code: CreditLineCode.INVALID_CREDIT_RECORD,
        message: `not a cycle credit record: ${error.message}`,
        field: error.field,
      },
    };
  }
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
  const value = reader.text(key, 64);
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
      distanceKm: leg.integer('distanceKm', 0, MAX_DISTANCE_KM),
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
    factorSetVersion: emissions.text('factorSetVersion', 64, FACTOR_SET_VERSION_PATTERN),
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
