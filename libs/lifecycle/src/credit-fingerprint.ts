import { createHash } from 'node:crypto';
import { canonicalJson } from '@refurb/contracts';
import { CreditEvidence } from './credit-evidence';

/**
 * A stable digest of everything a credit rests on. Evidence only lists events that change the figure
 * or its attribution (collection, refurbishment, resale, parts, legs), so an unrelated late event such as
 * a leg-less diagnosis leaves it unchanged and does not churn reversal/credit pairs.
 */
export function creditFingerprint(evidence: CreditEvidence): string {
  return `sha256:${createHash('sha256').update(canonicalJson(evidence)).digest('hex')}`;
}
