/*
 * A batch as the API and credits.batches.v1 describe it. Types and one constant only, with no import:
 * the console's browser bundle reads these declarations too (apps/issuance/src/console/web/shapes.ts),
 * and the rest of libs/contracts holds Node code a browser build cannot take.
 */

export const BATCH_STATES = ['open', 'closed', 'verified', 'issued'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** What closing a batch computes (docs/methodology.md, batch close), in integer grams CO2e. */
export interface CloseTotals {
  grossG: number;
  discountG: number;
  netG: number;
  credits: number;
  carriedOutG: number;
}

/** Everything frozen when a batch closes, besides its serials. */
export interface BatchTotals extends CloseTotals {
  lineCount: number;
  /** The project's discount when the batch closed. */
  discountBp: number;
  /** carried_out_g of the project's previous closed batch (0 for its first). */
  carriedInG: number;
}

export interface BatchSerials {
  first: number;
  last: number;
  /** RL-<project>-<vintage>-<first:06d>-<last:06d> */
  block: string;
}

/** A batch as finance, the verifier and the finance topic see it. Times are ISO UTC strings. */
export interface BatchSnapshot {
  id: string;
  projectId: string;
  vintage: number;
  factorSetVersion: string;
  state: BatchState;
  openedAt: string;
  closedAt: string | null;
  /** Position of the batch in its project's carry chain (1 for the first batch closed). */
  closeSequence: number | null;
  /** The batch whose carried_out_g this one carried in. */
  previousBatchId: string | null;
  totals: BatchTotals | null;
  /** Null while open, and for a closed batch without a whole credit. */
  serials: BatchSerials | null;
  verification: { verifiedAt: string; verifierName: string; reportReference: string } | null;
  issuance: { issuedAt: string; registryReference: string } | null;
}
