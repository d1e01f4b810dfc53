import { BatchSerials, BatchTotals } from '@refurb/contracts';
import { computeCloseTotals } from './batch-totals';
import { formatSerialBlock, nextSerialBlock } from './serial-block';

/** What a close reads: the batch's lines, its project's discount and serial counter, the carry chain's head. */
export interface CloseFacts {
  projectId: string;
  vintage: number;
  lineCount: number;
  grossG: number;
  discountBp: number;
  /** The project's last closed batch in close order, if any. */
  previous: { id: string; closeSequence: number; carriedOutG: number } | null;
  /** The project's last issued serial (0 before its first block). */
  lastSerial: number;
}

/** Everything a close freezes, before it is written: the one computation the close and its preview share. */
export interface ClosePlan {
  closeSequence: number;
  previousBatchId: string | null;
  totals: BatchTotals;
  /** The serial block the close takes; null when the batch earns no credit. */
  serials: BatchSerials | null;
}

export function planClose(facts: CloseFacts): ClosePlan {
  const carriedInG = facts.previous?.carriedOutG ?? 0;
  const totals = computeCloseTotals({ grossG: facts.grossG, discountBp: facts.discountBp, carriedInG });
  const block = nextSerialBlock(facts.lastSerial, totals.credits);
  return {
    closeSequence: (facts.previous?.closeSequence ?? 0) + 1,
    previousBatchId: facts.previous?.id ?? null,
    totals: { ...totals, lineCount: facts.lineCount, discountBp: facts.discountBp, carriedInG },
    serials: block && { ...block, block: formatSerialBlock(facts.projectId, facts.vintage, block) },
  };
}
