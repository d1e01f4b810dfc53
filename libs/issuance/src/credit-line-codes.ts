/**
 * Why issuance refuses a credit record (it goes to the dead-letter topic) or cannot place it in a batch
 * yet (it stays as an unplaced line until an operator fixes the cause and runs place-pending). Part of
 * the contract with operators' tooling: never rename one.
 */
export const CreditLineCode = {
  /** Not decodable, or not the shape of libs/contracts CycleCreditRecord. */
  INVALID_CREDIT_RECORD: 'ISSUANCE.INVALID_CREDIT_RECORD',
  /** No signature or key id: anyone who can write to the topic could have made it. */
  UNSIGNED_CREDIT_RECORD: 'ISSUANCE.UNSIGNED_CREDIT_RECORD',
  /** Signed by a key issuance does not trust (not one of ISSUANCE_TRACKER_PUBLIC_KEYS). */
  UNKNOWN_SIGNING_KEY: 'ISSUANCE.UNKNOWN_SIGNING_KEY',
  /** The signature does not match the record: changed after signing, or forged. */
  BAD_SIGNATURE: 'ISSUANCE.BAD_SIGNATURE',
  /** The figure differs from the one recomputed from the record's evidence and factor set. */
  FIGURE_MISMATCH: 'ISSUANCE.FIGURE_MISMATCH',
  /** The record names a factor set issuance does not know, so its figure cannot be checked. */
  UNKNOWN_FACTOR_SET: 'ISSUANCE.UNKNOWN_FACTOR_SET',
  /** The change id was already received with different content. */
  CHANGE_ID_REUSED: 'ISSUANCE.CHANGE_ID_REUSED',
  /** A reversal that does not repeat the credit it names (figure or fingerprint), or names a reversal. */
  REVERSAL_MISMATCH: 'ISSUANCE.REVERSAL_MISMATCH',
  /** A second reversal of one credit: the tracker's sequence alternates credit and reversal. */
  CREDIT_ALREADY_REVERSED: 'ISSUANCE.CREDIT_ALREADY_REVERSED',
  /** The credit's workshop is not configured, so its project is unknown. */
  UNKNOWN_WORKSHOP: 'ISSUANCE.UNKNOWN_WORKSHOP',
  /** The credit a reversal names has not been received. */
  UNKNOWN_REVERSED_CREDIT: 'ISSUANCE.UNKNOWN_REVERSED_CREDIT',
  /** The credit a reversal names is itself waiting to be placed. */
  REVERSED_CREDIT_UNPLACED: 'ISSUANCE.REVERSED_CREDIT_UNPLACED',
} as const;
export type CreditLineCode = (typeof CreditLineCode)[keyof typeof CreditLineCode];

export type UnplacedReason =
  | typeof CreditLineCode.UNKNOWN_WORKSHOP
  | typeof CreditLineCode.UNKNOWN_REVERSED_CREDIT
  | typeof CreditLineCode.REVERSED_CREDIT_UNPLACED;

/** A refused record or line, in the dead-letter reason shape (code, message, JSON path). */
export interface CreditLineProblem {
  code: CreditLineCode;
  message: string;
  field?: string;
}
