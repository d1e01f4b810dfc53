import { BatchSnapshot, BatchState } from '@refurb/contracts';
import { sqlInteger, sqlIntegerOrNull } from './sql-integer';

/** issuance.batches as node-postgres returns it (bigint columns as strings). */
export interface BatchRow {
  id: string;
  project_id: string;
  vintage: number;
  factor_set_version: string;
  state: BatchState;
  opened_at: Date;
  closed_at: Date | null;
  close_sequence: number | null;
  previous_batch_id: string | null;
  line_count: number | null;
  discount_bp: number | null;
  carried_in_g: string | null;
  gross_g: string | null;
  discount_g: string | null;
  net_g: string | null;
  credits: string | null;
  carried_out_g: string | null;
  serial_first: string | null;
  serial_last: string | null;
  serial_block: string | null;
  verified_at: Date | null;
  verifier_name: string | null;
  report_reference: string | null;
  issued_at: Date | null;
  registry_reference: string | null;
  /** SHA-256 hex of the evidence CSV, set by the close (null before the column existed). */
  evidence_sha256: string | null;
}

// The table's CHECK constraints make the frozen columns all set or all null.
function frozen(value: string | number | null, column: string): number {
  if (value === null) throw new Error(`a closed batch has no ${column}`);
  return sqlInteger(value);
}

function totalsOf(row: BatchRow): BatchSnapshot['totals'] {
  if (row.state === 'open') return null;
  return {
    lineCount: frozen(row.line_count, 'line_count'),
    discountBp: frozen(row.discount_bp, 'discount_bp'),
    carriedInG: frozen(row.carried_in_g, 'carried_in_g'),
    grossG: frozen(row.gross_g, 'gross_g'),
    discountG: frozen(row.discount_g, 'discount_g'),
    netG: frozen(row.net_g, 'net_g'),
    credits: frozen(row.credits, 'credits'),
    carriedOutG: frozen(row.carried_out_g, 'carried_out_g'),
  };
}

export function toBatchSnapshot(row: BatchRow): BatchSnapshot {
  const first = sqlIntegerOrNull(row.serial_first);
  const last = sqlIntegerOrNull(row.serial_last);
  return {
    id: row.id,
    projectId: row.project_id,
    vintage: row.vintage,
    factorSetVersion: row.factor_set_version,
    state: row.state,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    closeSequence: row.close_sequence,
    previousBatchId: row.previous_batch_id,
    totals: totalsOf(row),
    serials:
      first !== null && last !== null && row.serial_block !== null
        ? { first, last, block: row.serial_block }
        : null,
    verification:
      row.verified_at && row.verifier_name !== null && row.report_reference !== null
        ? {
            verifiedAt: row.verified_at.toISOString(),
            verifierName: row.verifier_name,
            reportReference: row.report_reference,
          }
        : null,
    issuance:
      row.issued_at && row.registry_reference !== null
        ? { issuedAt: row.issued_at.toISOString(), registryReference: row.registry_reference }
        : null,
  };
}
