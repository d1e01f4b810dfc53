import { STRUCTURED_HEADERS } from '../cloud-event-codec';
import { parseRfc3339 } from '../rfc3339';
import { TOPICS } from '../topics';
import { FACTOR_SET_VERSION_PATTERN } from './cycle-credit-record';
import { JsonReader } from './json-reader';
import { MessageRead, readJson } from './message-read';
import { RECORD_LIMITS } from './record-limits';
import { RecordSigner } from '../signing/record-signature';
import { TopicRecord } from './topic-record';
import { BATCH_STATES, BatchSnapshot, BatchState } from './batch-snapshot';

export * from './batch-snapshot';

export const BATCH_TRANSITION_SOURCE = 'refurb-ledger/issuance';

export type BatchTransitionState = Exclude<BatchState, 'open'>;

export const BATCH_TRANSITION_TYPES = {
  closed: 'credits.batch.closed',
  verified: 'credits.batch.verified',
  issued: 'credits.batch.issued',
} as const satisfies Record<BatchTransitionState, string>;
export type BatchTransitionType = (typeof BATCH_TRANSITION_TYPES)[BatchTransitionState];

/**
 * What `credits.batches.v1` carries for finance: one CloudEvent per transition with the batch's full
 * snapshot. The id `<batchId>/<state>` is deterministic, so a re-produced outbox row is recognisable.
 */
export interface BatchTransitionRecord {
  specversion: '1.0';
  id: string;
  source: typeof BATCH_TRANSITION_SOURCE;
  type: BatchTransitionType;
  /** The batch id. */
  subject: string;
  /** When the transition happened. */
  time: string;
  datacontenttype: 'application/json';
  data: BatchSnapshot;
}

function transitionTime(snapshot: BatchSnapshot, state: BatchTransitionState): string | null {
  switch (state) {
    case 'closed':
      return snapshot.closedAt;
    case 'verified':
      return snapshot.verification?.verifiedAt ?? null;
    case 'issued':
      return snapshot.issuance?.issuedAt ?? null;
  }
}

/** The record announcing that `snapshot` reached its current state; an open batch announces nothing. */
export function batchTransitionRecord(snapshot: BatchSnapshot): BatchTransitionRecord {
  const state = snapshot.state;
  const time = state === 'open' ? null : transitionTime(snapshot, state);
  if (state === 'open' || time === null) {
    throw new TypeError(`batch ${snapshot.id} has no completed transition to ${state}`);
  }
  return {
    specversion: '1.0',
    id: `${snapshot.id}/${state}`,
    source: BATCH_TRANSITION_SOURCE,
    type: BATCH_TRANSITION_TYPES[state],
    subject: snapshot.id,
    time,
    datacontenttype: 'application/json',
    data: snapshot,
  };
}

/**
 * The Kafka record of a transition, signed by issuance so finance can tell it from a forgery, keyed by
 * project so that a project's carry chain stays ordered.
 */
export function batchTransitionTopicRecord(snapshot: BatchSnapshot, signer: RecordSigner): TopicRecord {
  return {
    topic: TOPICS.batches,
    key: snapshot.projectId,
    value: Buffer.from(JSON.stringify(signer.sign(batchTransitionRecord(snapshot)))),
    headers: { ...STRUCTURED_HEADERS },
  };
}

const ID = RECORD_LIMITS.id;
const IDENTIFIER = RECORD_LIMITS.identifier;
const TEXT = RECORD_LIMITS.text;

/**
 * Checks that a decoded CloudEvent is a BatchTransitionRecord, as finance systems and tests read
 * `credits.batches.v1`, and rebuilds it from the declared members only. The identity rules the
 * builder follows are checked too (id `<batchId>/<state>`, type matching the state, time the
 * transition's). Never throws for bad input.
 */
export function parseBatchTransitionRecord(envelope: unknown): MessageRead<BatchTransitionRecord> {
  return readJson(envelope, 'batch transition record', (reader) => {
    reader.oneOf('specversion', ['1.0']);
    const id = reader.text('id', ID);
    reader.oneOf('source', [BATCH_TRANSITION_SOURCE]);
    const type = reader.oneOf('type', Object.values(BATCH_TRANSITION_TYPES));
    const subject = reader.text('subject', ID);
    const time = timestamp(reader, 'time');
    if (reader.has('datacontenttype')) reader.oneOf('datacontenttype', ['application/json']);
    const data = readSnapshot(reader.object('data'));
    reader.check(subject === data.id, 'subject', 'must equal data.id');
    reader.check(data.state !== 'open', 'data.state', 'must not be open: an open batch announces nothing');
    if (data.state !== 'open') {
      reader.check(id === `${data.id}/${data.state}`, 'id', 'must be <batchId>/<state>');
      reader.check(type === BATCH_TRANSITION_TYPES[data.state], 'type', `must match state ${data.state}`);
      reader.check(time === transitionTime(data, data.state), 'time', 'must be the time of the transition');
    }
    return {
      specversion: '1.0',
      id,
      source: BATCH_TRANSITION_SOURCE,
      type,
      subject,
      time,
      datacontenttype: 'application/json',
      data,
    };
  });
}

function readSnapshot(snapshot: JsonReader): BatchSnapshot {
  const grams = (reader: JsonReader, key: string, min = 0) =>
    reader.integer(key, min, Number.MAX_SAFE_INTEGER);
  return {
    id: snapshot.text('id', ID),
    projectId: snapshot.text('projectId', IDENTIFIER),
    vintage: snapshot.integer('vintage', RECORD_LIMITS.minVintage, RECORD_LIMITS.maxVintage),
    factorSetVersion: snapshot.text(
      'factorSetVersion',
      RECORD_LIMITS.factorSetVersion,
      FACTOR_SET_VERSION_PATTERN,
    ),
    state: snapshot.oneOf('state', BATCH_STATES),
    openedAt: timestamp(snapshot, 'openedAt'),
    closedAt: snapshot.orNull('closedAt', (reader, key) => timestamp(reader, key)),
    closeSequence: snapshot.orNull('closeSequence', (reader, key) =>
      reader.integer(key, 1, Number.MAX_SAFE_INTEGER),
    ),
    previousBatchId: snapshot.orNull('previousBatchId', (reader, key) => reader.text(key, ID)),
    totals: snapshot.orNull('totals', (reader, key) => {
      const totals = reader.object(key);
      return {
        lineCount: totals.integer('lineCount', 0, Number.MAX_SAFE_INTEGER),
        discountBp: totals.integer('discountBp', 0, RECORD_LIMITS.basisPoints),
        // Negative for a debt carried from a batch of reversals.
        carriedInG: grams(totals, 'carriedInG', -Number.MAX_SAFE_INTEGER),
        // A batch of reversals only has a negative gross.
        grossG: grams(totals, 'grossG', -Number.MAX_SAFE_INTEGER),
        discountG: grams(totals, 'discountG', -Number.MAX_SAFE_INTEGER),
        netG: grams(totals, 'netG', -Number.MAX_SAFE_INTEGER),
        credits: totals.integer('credits', 0, Number.MAX_SAFE_INTEGER),
        carriedOutG: grams(totals, 'carriedOutG', -Number.MAX_SAFE_INTEGER),
      };
    }),
    serials: snapshot.orNull('serials', (reader, key) => {
      const serials = reader.object(key);
      return {
        first: serials.integer('first', 1, Number.MAX_SAFE_INTEGER),
        last: serials.integer('last', 1, Number.MAX_SAFE_INTEGER),
        block: serials.text('block', ID),
      };
    }),
    verification: snapshot.orNull('verification', (reader, key) => {
      const verification = reader.object(key);
      return {
        verifiedAt: timestamp(verification, 'verifiedAt'),
        verifierName: verification.text('verifierName', TEXT),
        reportReference: verification.text('reportReference', TEXT),
      };
    }),
    issuance: snapshot.orNull('issuance', (reader, key) => {
      const issuance = reader.object(key);
      return {
        issuedAt: timestamp(issuance, 'issuedAt'),
        registryReference: issuance.text('registryReference', TEXT),
      };
    }),
  };
}

function timestamp(reader: JsonReader, key: string): string {
  const value = reader.text(key, RECORD_LIMITS.timestamp);
  reader.check(parseRfc3339(value) !== undefined, key, 'must be an RFC 3339 timestamp');
  return value;
}
