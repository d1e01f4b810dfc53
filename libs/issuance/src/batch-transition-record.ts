import { BatchSnapshot } from './batch-snapshot';
import { BatchState } from './batch-state';

const BATCH_TRANSITION_SOURCE = 'refurb-ledger/issuance';

export type BatchTransitionState = Exclude<BatchState, 'open'>;

const BATCH_TRANSITION_TYPES = {
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
