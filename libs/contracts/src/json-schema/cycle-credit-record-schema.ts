import { ISO_3166_ALPHA2_CODES } from '../country-code';
import { DEVICE_CATEGORIES, MAX_LEG_DISTANCE_KM, PART_NAMES, TRANSPORT_MODES } from '../device-category';
import { DEVICE_EVENT_TYPES } from '../device-event';
import {
  CYCLE_CREDIT_RECORD_TYPES,
  CYCLE_CREDIT_SOURCE,
  FACTOR_SET_VERSION_PATTERN,
} from '../messages/cycle-credit-record';
import { RECORD_LIMITS } from '../messages/record-limits';
import { METHODOLOGY } from '../methodology';
import { JSON_SCHEMA_DIALECT, JsonSchema } from './json-schema';
import {
  recordEnum,
  recordEnvelope,
  recordInteger,
  recordList,
  recordObject,
  recordText,
  RECORD_TIMESTAMP,
} from './record-schema-parts';
import { CANONICAL_DEVICE_ID_PATTERN } from './schema-patterns';

const { id: ID, identifier: IDENTIFIER } = RECORD_LIMITS;
const grams = recordInteger(0);
const signedGrams = recordInteger(-Number.MAX_SAFE_INTEGER);

const evidence = recordObject({
  deviceId: recordText(ID),
  cycleId: recordText(ID * 2),
  category: recordEnum(DEVICE_CATEGORIES),
  collectionEventId: recordText(ID),
  refurbishmentEventId: recordText(ID),
  workshopId: recordText(IDENTIFIER),
  erasureCertificateId: recordText(IDENTIFIER),
  creditedResaleEventId: recordText(ID),
  orderId: recordText(IDENTIFIER),
  country: { ...recordEnum(ISO_3166_ALPHA2_CODES), description: 'ISO 3166-1 alpha-2, upper-case.' },
  vintage: recordInteger(RECORD_LIMITS.minVintage, RECORD_LIMITS.maxVintage),
  evidenceEvents: recordList(
    recordObject({ eventId: recordText(ID), type: recordEnum(DEVICE_EVENT_TYPES), time: RECORD_TIMESTAMP }),
  ),
  partsReplaced: recordList(recordObject({ eventId: recordText(ID), part: recordEnum(PART_NAMES) })),
  legs: recordList(
    recordObject({
      eventId: recordText(ID),
      distanceKm: recordInteger(0, MAX_LEG_DISTANCE_KM),
      mode: recordEnum(TRANSPORT_MODES),
    }),
  ),
});

const emissions = recordObject({
  methodology: recordEnum([METHODOLOGY]),
  factorSetVersion: recordText(RECORD_LIMITS.factorSetVersion, FACTOR_SET_VERSION_PATTERN.source),
  baselineG: grams,
  newDeviceG: grams,
  refurbishedShareBp: recordInteger(0, RECORD_LIMITS.basisPoints),
  eolG: grams,
  lightRefurbishmentG: grams,
  partsG: grams,
  transportG: grams,
  projectG: grams,
  avoidedG: grams,
});

const data: JsonSchema = {
  ...recordObject(
    {
      changeId: recordText(ID),
      kind: recordEnum(['credit', 'reversal']),
      cycleId: recordText(ID * 2),
      deviceId: recordText(ID, CANONICAL_DEVICE_ID_PATTERN),
      sequence: recordInteger(1),
      reversesChangeId: { ...recordText(ID), description: 'For a reversal only: the credit it cancels.' },
      fingerprint: recordText(ID),
      evidence: { $ref: '#/$defs/CycleCreditEvidence' },
      emissions: { $ref: '#/$defs/CycleCreditEmissions' },
      signedAvoidedG: {
        ...signedGrams,
        description: 'emissions.avoidedG for a credit, its negation for a reversal.',
      },
    },
    ['reversesChangeId'],
  ),
  if: { properties: { kind: { const: 'reversal' } }, required: ['kind'] },
  then: { properties: { reversesChangeId: { type: 'string' } }, required: ['reversesChangeId'] },
  else: { properties: { reversesChangeId: false } },
};

/** The JSON Schema (draft 2020-12) of a `devices.credited.v1` record, as parseCycleCreditRecord reads it. */
export function cycleCreditRecordSchema(): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: 'urn:refurb-ledger:schema:cycle-credit-record',
    title: 'CycleCreditRecord',
    description:
      'One change of a cycle credit, as the tracker publishes it on devices.credited.v1 (structured-mode ' +
      'CloudEvent). Per cycle the records alternate credit, reversal, credit...; a reversal cancels exactly ' +
      'the credit before it. Rules beyond the shape: id equals data.changeId, subject equals data.cycleId, ' +
      'type is cycle.credited for a credit and cycle.credit-reversed for a reversal, ' +
      'data.evidence.deviceId and cycleId equal data.deviceId and cycleId, and data.deviceId passes the ' +
      'Luhn check when it is an IMEI. Unknown members are ignored.',
    ...recordEnvelope({
      source: CYCLE_CREDIT_SOURCE,
      types: CYCLE_CREDIT_RECORD_TYPES,
      subject: 'The cycle id.',
      data: { $ref: '#/$defs/CycleCreditData' },
    }),
    $defs: { CycleCreditData: data, CycleCreditEmissions: emissions, CycleCreditEvidence: evidence },
  };
}
