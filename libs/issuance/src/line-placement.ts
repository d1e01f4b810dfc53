import { BatchKey } from './batch-state';
import { CreditLineCode, CreditLineProblem, UnplacedReason } from './credit-line-codes';

/** What placement needs to know about a credit or reversal line. */
export interface LineToPlace {
  changeId: string;
  kind: 'credit' | 'reversal';
  workshopId: string;
  vintage: number;
  factorSetVersion: string;
  signedAvoidedG: number;
  fingerprint: string;
  reversesChangeId?: string;
}

/** A line already stored, as seen by a reversal that names it. */
export interface StoredLine {
  changeId: string;
  kind: 'credit' | 'reversal';
  /** Null while the line is unplaced. */
  key: BatchKey | null;
  signedAvoidedG: number;
  fingerprint: string;
  /** The reversal already stored against this credit, if any. */
  reversedBy: string | null;
}

export interface PlacementContext {
  /** Current project of each workshop the lines name; a missing workshop is unknown. */
  projectOfWorkshop: ReadonlyMap<string, string>;
  /** Stored lines named by the reversals being placed. */
  storedLines: ReadonlyMap<string, StoredLine>;
}

export type PlannedLine =
  | { line: LineToPlace; outcome: 'placed'; key: BatchKey }
  | { line: LineToPlace; outcome: 'unplaced'; reason: UnplacedReason }
  | { line: LineToPlace; outcome: 'refused'; problem: CreditLineProblem };

/**
 * Decides the batch key of each line, in the order given (a credit before the reversal that names it):
 * - a credit goes to (project of its workshop now, vintage, factor set): a workshop moved to another
 *   project affects only credits placed afterwards;
 * - a reversal goes to the key of the credit it reverses, wherever that credit's batch now stands, so
 *   a credit in a closed batch is taken back by a negative line in the next open batch of that key;
 * - what cannot be placed yet (unknown workshop, unknown or unplaced credit) is kept unplaced with its
 *   reason, never dropped; what contradicts the credit history is refused.
 */
export function planPlacements(lines: readonly LineToPlace[], context: PlacementContext): PlannedLine[] {
  const plannedNow = new Map<string, StoredLine>();
  const reversedNow = new Set<string>();
  return lines.map((line): PlannedLine => {
    const planned =
      line.kind === 'credit'
        ? planCredit(line, context)
        : planReversal(line, context, plannedNow, reversedNow);
    if (planned.outcome !== 'refused') {
      plannedNow.set(line.changeId, {
        changeId: line.changeId,
        kind: line.kind,
        key: planned.outcome === 'placed' ? planned.key : null,
        signedAvoidedG: line.signedAvoidedG,
        fingerprint: line.fingerprint,
        reversedBy: null,
      });
      if (line.reversesChangeId !== undefined) reversedNow.add(line.reversesChangeId);
    }
    return planned;
  });
}

function planCredit(line: LineToPlace, context: PlacementContext): PlannedLine {
  const projectId = context.projectOfWorkshop.get(line.workshopId);
  if (projectId === undefined) return { line, outcome: 'unplaced', reason: CreditLineCode.UNKNOWN_WORKSHOP };
  return {
    line,
    outcome: 'placed',
    key: { projectId, vintage: line.vintage, factorSetVersion: line.factorSetVersion },
  };
}

function planReversal(
  line: LineToPlace,
  context: PlacementContext,
  plannedNow: ReadonlyMap<string, StoredLine>,
  reversedNow: ReadonlySet<string>,
): PlannedLine {
  const reversed = line.reversesChangeId ?? '';
  // A line planned in this pass is newer than its stored row (place-pending re-plans stored lines).
  const credit = plannedNow.get(reversed) ?? context.storedLines.get(reversed);
  if (credit === undefined) {
    return { line, outcome: 'unplaced', reason: CreditLineCode.UNKNOWN_REVERSED_CREDIT };
  }
  const refuse = (code: CreditLineCode, message: string): PlannedLine => ({
    line,
    outcome: 'refused',
    problem: { code, message, field: 'data.reversesChangeId' },
  });
  if (credit.kind !== 'credit') {
    return refuse(CreditLineCode.REVERSAL_MISMATCH, `${reversed} is a reversal, not a credit`);
  }
  const alreadyReversedBy = reversedNow.has(reversed) ? 'another line of this batch' : credit.reversedBy;
  if (alreadyReversedBy !== null && alreadyReversedBy !== line.changeId) {
    return refuse(
      CreditLineCode.CREDIT_ALREADY_REVERSED,
      `${reversed} is already reversed by ${alreadyReversedBy}`,
    );
  }
  if (credit.signedAvoidedG !== -line.signedAvoidedG || credit.fingerprint !== line.fingerprint) {
    return refuse(
      CreditLineCode.REVERSAL_MISMATCH,
      `a reversal must repeat ${reversed} (${credit.signedAvoidedG} g, ${credit.fingerprint}), ` +
        `got ${line.signedAvoidedG} g, ${line.fingerprint}`,
    );
  }
  if (credit.key === null) {
    return { line, outcome: 'unplaced', reason: CreditLineCode.REVERSED_CREDIT_UNPLACED };
  }
  return { line, outcome: 'placed', key: credit.key };
}
