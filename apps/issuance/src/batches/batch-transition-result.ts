import { BatchSnapshot } from '@refurb/contracts';

export interface BatchTransitionResult {
  batch: BatchSnapshot;
  /**
   * True when the batch had already made this transition with the same details: a retried request gets
   * the recorded outcome, and nothing (serials, events) is issued twice.
   */
  replayed: boolean;
}
