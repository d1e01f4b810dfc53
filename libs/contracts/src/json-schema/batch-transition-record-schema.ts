import {
  BATCH_STATES,
  BATCH_TRANSITION_SOURCE,
  BATCH_TRANSITION_TYPES,
} from '../messages/batch-transition-record';
import { FACTOR_SET_VERSION_PATTERN } from '../messages/cycle-credit-record';
import { RECORD_LIMITS } from '../messages/record-limits';
import { JSON_SCHEMA_DIALECT, JsonSchema } from './json-schema';
import {
  orNullRecord,
  recordEnum,
  recordEnvelope,
  recordInteger,
  recordObject,
  recordText,
  RECORD_TIMESTAMP,
} from './record-schema-parts';

const { id: ID, identifier: IDENTIFIER, text: TEXT } = RECORD_LIMITS;
const signedGrams = recordInteger(-Number.MAX_SAFE_INTEGER);

const totals = recordObject({
  lineCount: recordInteger(0),
  discountBp: recordInteger(0, RECORD_LIMITS.basisPoints),
  carriedInG: signedGrams,
  grossG: signedGrams,
  discountG: signedGrams,
  netG: signedGrams,
  credits: recordInteger(0),
  carriedOutG: signedGrams,
});

const snapshot = recordObject({
  id: recordText(ID),
  projectId: recordText(IDENTIFIER),
  vintage: recordInteger(RECORD_LIMITS.minVintage, RECORD_LIMITS.maxVintage),
  factorSetVersion: recordText(RECORD_LIMITS.factorSetVersion, FACTOR_SET_VERSION_PATTERN.source),
  state: { ...recordEnum(BATCH_STATES.filter((state) => state !== 'open')), description: 'Never open.' },
  openedAt: RECORD_TIMESTAMP,
  closedAt: orNullRecord(RECORD_TIMESTAMP),
  closeSequence: orNullRecord(recordInteger(1)),
  previousBatchId: orNullRecord(recordText(ID)),
  totals: orNullRecord({ $ref: '#/$defs/BatchTotals' }),
  serials: orNullRecord(
    recordObject({ first: recordInteger(1), last: recordInteger(1), block: recordText(ID) }),
  ),
  verification: orNullRecord(
    recordObject({
      verifiedAt: RECORD_TIMESTAMP,
      verifierName: recordText(TEXT),
      reportReference: recordText(TEXT),
    }),
  ),
  issuance: orNullRecord(recordObject({ issuedAt: RECORD_TIMESTAMP, registryReference: recordText(TEXT) })),
});

/** The JSON Schema (draft 2020-12) of a `credits.batches.v1` record, as parseBatchTransitionRecord reads it. */
export function batchTransitionRecordSchema(): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: 'urn:refurb-ledger:schema:batch-transition-record',
    title: 'BatchTransitionRecord',
    description:
      'One transition of a credit batch (closed, verified, issued), as issuance publishes it on ' +
      'credits.batches.v1 (structured-mode CloudEvent) with the full snapshot of the batch. Rules beyond ' +
      'the shape: id is <batchId>/<state>, subject equals data.id, type matches data.state, and time is ' +
      'the time of that transition (closedAt, verification.verifiedAt or issuance.issuedAt). Unknown ' +
      'members are ignored.',
    ...recordEnvelope({
      source: BATCH_TRANSITION_SOURCE,
      types: Object.values(BATCH_TRANSITION_TYPES),
      subject: 'The batch id.',
      data: { $ref: '#/$defs/BatchSnapshot' },
    }),
    $defs: { BatchSnapshot: snapshot, BatchTotals: totals },
  };
}
