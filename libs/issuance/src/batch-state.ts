import { BatchState } from '@refurb/contracts';
import { BatchException } from './batch.exception';

/** A batch is keyed by (project, vintage, factor-set version): figures from two versions never mix. */
export interface BatchKey {
  /** e.g. `FR-01`: one project per refurbishing company and country. */
  projectId: string;
  /** UTC year of the credited resales in the batch. */
  vintage: number;
  factorSetVersion: string;
}

// Strictly linear: a closed batch never changes (reversals go to the next open batch of the same
// key) and nothing skips verification. Repeating the current state is not a transition either, so
// a replayed command must be recognised as a duplicate before it reaches here.
const NEXT_STATE: Readonly<Record<BatchState, BatchState | undefined>> = {
  open: 'closed',
  closed: 'verified',
  verified: 'issued',
  issued: undefined,
};

export function canTransition(from: BatchState, to: BatchState): boolean {
  return Object.hasOwn(NEXT_STATE, from) && NEXT_STATE[from] === to;
}

/** Throws BatchException BATCH.INVALID_TRANSITION unless `to` directly follows `from`. */
export function assertTransition(from: BatchState, to: BatchState): void {
  if (!canTransition(from, to)) {
    throw new BatchException('BATCH.INVALID_TRANSITION', `a batch cannot go from "${from}" to "${to}"`);
  }
}

/** Only an open batch takes new lines; later ones go to the next open batch of the same key. */
export function acceptsLines(state: BatchState): boolean {
  return state === 'open';
}
