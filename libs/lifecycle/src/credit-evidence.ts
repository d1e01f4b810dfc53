/**
 * The evidence of a credit is the wire contract itself: the tracker publishes exactly what cycle
 * derivation builds, and issuance and the verifier read the same type (libs/contracts).
 */
export type { CycleCreditEvidence as CreditEvidence, EvidenceLeg, ReplacedPart } from '@refurb/contracts';
