import { CreditEvidence } from './credit-evidence';
import { creditFingerprint } from './credit-fingerprint';

/** What was last published for a cycle and not yet reversed. */
export interface PublishedCredit {
  changeId: string;
  fingerprint: string;
}

export interface CreditChangeCredit {
  kind: 'credit';
  changeId: string;
  cycleId: string;
  fingerprint: string;
  evidence: CreditEvidence;
}

export interface CreditChangeReversal {
  kind: 'reversal';
  changeId: string;
  cycleId: string;
  /** The credit this cancels, so downstream can post its figure negatively. */
  reversesChangeId: string;
  reversesFingerprint: string;
}

export type CreditChange = CreditChangeCredit | CreditChangeReversal;

export interface CreditPlanInput {
  cycleId: string;
  /** The cycle's currently published credit, or null. */
  published: PublishedCredit | null;
  /** The newly derived evidence, or null when the cycle is not eligible (or no longer exists). */
  derived: CreditEvidence | null;
  /**
   * Per-cycle sequence number of this plan, owned by the caller (e.g. 1 + number of plans that
   * published changes for the cycle). Change ids derive from it, so replaying the same step after a
   * crash reproduces the same ids and downstream deduplication by id holds.
   */
  sequence: number;
}

/**
 * The changes to publish, in order: none, a credit, a reversal, or a reversal then a credit when the
 * evidence changed. Both changes of one step share the sequence number; kinds keep their ids distinct.
 */
export function planCreditChanges(input: CreditPlanInput): CreditChange[] {
  const { cycleId, published, derived, sequence } = input;
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`credit plan sequence must be a positive integer, got ${sequence}`);
  }
  if (derived !== null && derived.cycleId !== cycleId) {
    throw new RangeError(`credit plan for ${cycleId} got evidence of ${derived.cycleId}`);
  }
  const fingerprint = derived === null ? null : creditFingerprint(derived);
  if (published !== null && published.fingerprint === fingerprint) return [];

  const changes: CreditChange[] = [];
  if (published !== null) {
    changes.push({
      kind: 'reversal',
      changeId: `${cycleId}/reversal/${sequence}`,
      cycleId,
      reversesChangeId: published.changeId,
      reversesFingerprint: published.fingerprint,
    });
  }
  if (derived !== null && fingerprint !== null) {
    changes.push({
      kind: 'credit',
      changeId: `${cycleId}/credit/${sequence}`,
      cycleId,
      fingerprint,
      evidence: derived,
    });
  }
  return changes;
}
