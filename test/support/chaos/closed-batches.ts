import { TestDatabase } from '@refurb/testing';

/**
 * A closed batch in a form two runs can be compared with. Batch ids are left out: they number batches
 * in the order they were opened (a database sequence, not rolled back by a retried transaction), so a
 * batch is named by its key, and its predecessor in the carry chain too.
 */
export interface ComparableBatch {
  key: string;
  state: string;
  closeSequence: number;
  previousKey: string | null;
  discountBp: number;
  grossG: number;
  discountG: number;
  carriedInG: number;
  netG: number;
  credits: number;
  carriedOutG: number;
  serialBlock: string | null;
  /** Credit lines no reversal took back: the cycles the batch credits, whatever path led there. */
  netLineCount: number;
  /** `<cycle id> <fingerprint> <avoided g>` of each of those lines, sorted. */
  creditedCycles: string[];
}

export interface ClosedBatches {
  batches: ComparableBatch[];
  /** Lines as stored, credits and reversals; depends on arrival order (see the chaos test's header). */
  rawLineCounts: Record<string, number>;
  /** Cycles credited by more than one standing line, over every batch: must stay empty. */
  doubleCounted: string[];
  unplacedLines: number;
}

const KEY = (alias: string) =>
  `${alias}.project_id || '/' || ${alias}.vintage || '/' || ${alias}.factor_set_version`;

export async function closedBatches(database: TestDatabase): Promise<ClosedBatches> {
  const rows = await database.query<Record<string, string | number | null>>(
    `SELECT ${KEY('b')} AS key, b.state, b.close_sequence, ${KEY('p')} AS previous_key, b.line_count,
            b.discount_bp, b.gross_g::text, b.discount_g::text, b.carried_in_g::text, b.net_g::text,
            b.credits::text, b.carried_out_g::text, b.serial_block
     FROM issuance.batches b LEFT JOIN issuance.batches p ON p.id = b.previous_batch_id
     ORDER BY b.project_id, b.vintage, b.factor_set_version`,
  );
  const standing = await database.query<{ key: string; line: string; cycle_id: string }>(
    `SELECT ${KEY('c')} AS key, c.cycle_id, c.cycle_id || ' ' || c.fingerprint || ' ' || c.avoided_g AS line
     FROM issuance.credit_lines c
     WHERE c.kind = 'credit' AND c.batch_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM issuance.credit_lines r WHERE r.reverses_change_id = c.change_id)`,
  );
  const [{ unplaced }] = await database.query<{ unplaced: string }>(
    `SELECT count(*)::text AS unplaced FROM issuance.credit_lines WHERE batch_id IS NULL`,
  );
  const linesOf = (key: string) =>
    standing
      .filter((line) => line.key === key)
      .map((line) => line.line)
      .sort();
  const perCycle = new Map<string, number>();
  for (const { cycle_id } of standing) perCycle.set(cycle_id, (perCycle.get(cycle_id) ?? 0) + 1);
  return {
    batches: rows.map((row) => {
      const key = String(row.key);
      const creditedCycles = linesOf(key);
      return {
        key,
        state: String(row.state),
        closeSequence: Number(row.close_sequence),
        previousKey: row.previous_key === null ? null : String(row.previous_key),
        discountBp: Number(row.discount_bp),
        grossG: Number(row.gross_g),
        discountG: Number(row.discount_g),
        carriedInG: Number(row.carried_in_g),
        netG: Number(row.net_g),
        credits: Number(row.credits),
        carriedOutG: Number(row.carried_out_g),
        serialBlock: row.serial_block === null ? null : String(row.serial_block),
        netLineCount: creditedCycles.length,
        creditedCycles,
      };
    }),
    rawLineCounts: Object.fromEntries(rows.map((row) => [String(row.key), Number(row.line_count)])),
    doubleCounted: [...perCycle].filter(([, lines]) => lines > 1).map(([cycleId]) => cycleId),
    unplacedLines: Number(unplaced),
  };
}
