import { BatchState } from './batch-state';
import { CloseTotals } from './batch-totals';

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
