import { Injectable } from '@nestjs/common';
import { BatchState } from '@refurb/contracts';
import {
  BatchGroupFigures,
  BatchKey,
  batchKeyId,
  BatchLineKinds,
  distinctSortedKeys,
} from '@refurb/issuance';
import { EntityManager } from 'typeorm';
import { sqlInteger } from './sql-integer';
import { BatchRow } from './batch-row';

export interface BatchFilter {
  projectId?: string;
  vintage?: number;
  state?: BatchState;
  limit: number;
  offset: number;
}

export interface LineFigures {
  lineCount: number;
  grossG: number;
}

export interface ClosingValues {
  closeSequence: number;
  previousBatchId: string | null;
  lineCount: number;
  discountBp: number;
  carriedInG: number;
  grossG: number;
  discountG: number;
  netG: number;
  credits: number;
  carriedOutG: number;
  serials: { first: number; last: number; block: string } | null;
}

// Racing openers resolve in one retry (the loser's insert waits for the winner, then finds its row);
// more rounds only happen if closes keep closing what was just opened.
const MAX_OPEN_ROUNDS = 5;

/** issuance.batches: opening on demand, row locks for transitions, and the figures finance reads. */
@Injectable()
export class BatchRepository {
  /**
   * The open batch of each key, opened if there is none, each locked FOR KEY SHARE until the caller's
   * transaction ends: a close (which takes the row FOR UPDATE) waits for the lines being added, and a
   * batch a close froze meanwhile is skipped (its row no longer matches `state = 'open'` once the
   * close commits) in favour of a new one. Keys are handled in one order so openers never deadlock.
   */
  async openBatchesFor(manager: EntityManager, keys: Iterable<BatchKey>): Promise<Map<string, string>> {
    const wanted = distinctSortedKeys(keys);
    const found = new Map<string, string>();
    for (let round = 0; round < MAX_OPEN_ROUNDS; round++) {
      const missing = wanted.filter((key) => !found.has(batchKeyId(key)));
      if (missing.length === 0) return found;
      for (const row of await this.lockOpen(manager, missing)) found.set(batchKeyId(keyOf(row)), row.id);
      const stillMissing = missing.filter((key) => !found.has(batchKeyId(key)));
      if (stillMissing.length === 0) return found;
      for (const row of await this.insertOpen(manager, stillMissing))
        found.set(batchKeyId(keyOf(row)), row.id);
    }
    throw new Error(`Could not open batches for ${wanted.length} keys in ${MAX_OPEN_ROUNDS} rounds`);
  }

  private lockOpen(manager: EntityManager, keys: BatchKey[]): Promise<KeyRow[]> {
    return manager.query(
      `SELECT b.id, b.project_id, b.vintage, b.factor_set_version
       FROM issuance.batches b
       JOIN unnest($1::text[], $2::int[], $3::text[]) AS k(project_id, vintage, factor_set_version)
         USING (project_id, vintage, factor_set_version)
       WHERE b.state = 'open'
       ORDER BY b.id
       FOR KEY SHARE OF b`,
      keyColumns(keys),
    );
  }

  private insertOpen(manager: EntityManager, keys: BatchKey[]): Promise<KeyRow[]> {
    return manager.query(
      `INSERT INTO issuance.batches (id, project_id, vintage, factor_set_version)
       SELECT k.project_id || '-' || k.vintage || '-' || nextval('issuance.batch_number'),
              k.project_id, k.vintage, k.factor_set_version
       FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS k(project_id, vintage, factor_set_version, n)
       ORDER BY k.n
       ON CONFLICT (project_id, vintage, factor_set_version) WHERE state = 'open' DO NOTHING
       RETURNING id, project_id, vintage, factor_set_version`,
      keyColumns(keys),
    );
  }

  /** The batch, locked FOR UPDATE: transitions of one batch are serialised, and wait for lines in flight. */
  async lockForTransition(manager: EntityManager, id: string): Promise<BatchRow | undefined> {
    const rows: BatchRow[] = await manager.query(`SELECT * FROM issuance.batches WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0];
  }

  async find(manager: EntityManager, id: string): Promise<BatchRow | undefined> {
    const rows: BatchRow[] = await manager.query(`SELECT * FROM issuance.batches WHERE id = $1`, [id]);
    return rows[0];
  }

  list(manager: EntityManager, filter: BatchFilter): Promise<BatchRow[]> {
    return manager.query(
      `SELECT * FROM issuance.batches
       WHERE ($1::text IS NULL OR project_id = $1)
         AND ($2::int IS NULL OR vintage = $2)
         AND ($3::text IS NULL OR state = $3)
       ORDER BY opened_at DESC, id DESC
       LIMIT $4 OFFSET $5`,
      [filter.projectId ?? null, filter.vintage ?? null, filter.state ?? null, filter.limit, filter.offset],
    );
  }

  /** Head of the project's carry chain: its last closed batch, in close order, whatever its key. */
  async lastClosedOf(
    manager: EntityManager,
    projectId: string,
  ): Promise<{ id: string; closeSequence: number; carriedOutG: number } | undefined> {
    const rows: { id: string; close_sequence: number; carried_out_g: string }[] = await manager.query(
      `SELECT id, close_sequence, carried_out_g FROM issuance.batches
       WHERE project_id = $1 AND close_sequence IS NOT NULL
       ORDER BY close_sequence DESC LIMIT 1`,
      [projectId],
    );
    const [row] = rows;
    return (
      row && { id: row.id, closeSequence: row.close_sequence, carriedOutG: sqlInteger(row.carried_out_g) }
    );
  }

  /** Open batches of the project with a vintage before `vintage`, oldest first. */
  async openBeforeVintage(
    manager: EntityManager,
    projectId: string,
    vintage: number,
  ): Promise<{ id: string; vintage: number }[]> {
    return manager.query(
      `SELECT id, vintage FROM issuance.batches
       WHERE project_id = $1 AND state = 'open' AND vintage < $2
       ORDER BY vintage, id`,
      [projectId, vintage],
    );
  }

  async lineFigures(manager: EntityManager, batchIds: readonly string[]): Promise<Map<string, LineFigures>> {
    const rows: { batch_id: string; line_count: string; gross_g: string }[] = await manager.query(
      `SELECT batch_id, count(*) AS line_count, coalesce(sum(avoided_g), 0) AS gross_g
       FROM issuance.credit_lines WHERE batch_id = ANY($1::text[]) GROUP BY batch_id`,
      [batchIds],
    );
    const figures = new Map(batchIds.map((id): [string, LineFigures] => [id, { lineCount: 0, grossG: 0 }]));
    for (const row of rows) {
      figures.set(row.batch_id, { lineCount: sqlInteger(row.line_count), grossG: sqlInteger(row.gross_g) });
    }
    return figures;
  }

  /** The batch's lines by kind (reversals are negative grams): what its close netted. */
  async lineKinds(manager: EntityManager, batchId: string): Promise<BatchLineKinds> {
    const rows: { kind: 'credit' | 'reversal'; lines: string; grams: string }[] = await manager.query(
      `SELECT kind, count(*) AS lines, coalesce(sum(avoided_g), 0) AS grams
       FROM issuance.credit_lines WHERE batch_id = $1 GROUP BY kind`,
      [batchId],
    );
    const of = (kind: 'credit' | 'reversal') => rows.find((row) => row.kind === kind);
    return {
      creditLines: sqlInteger(of('credit')?.lines ?? 0),
      creditG: sqlInteger(of('credit')?.grams ?? 0),
      reversalLines: sqlInteger(of('reversal')?.lines ?? 0),
      reversalG: sqlInteger(of('reversal')?.grams ?? 0),
    };
  }

  async markClosed(manager: EntityManager, id: string, closing: ClosingValues): Promise<BatchRow> {
    const rows: [BatchRow[], number] = await manager.query(
      `UPDATE issuance.batches SET
         state = 'closed', closed_at = now(), close_sequence = $2, previous_batch_id = $3, line_count = $4,
         discount_bp = $5, carried_in_g = $6, gross_g = $7, discount_g = $8, net_g = $9, credits = $10,
         carried_out_g = $11, serial_first = $12, serial_last = $13, serial_block = $14
       WHERE id = $1 AND state = 'open'
       RETURNING *`,
      [
        id,
        closing.closeSequence,
        closing.previousBatchId,
        closing.lineCount,
        closing.discountBp,
        closing.carriedInG,
        closing.grossG,
        closing.discountG,
        closing.netG,
        closing.credits,
        closing.carriedOutG,
        closing.serials?.first ?? null,
        closing.serials?.last ?? null,
        closing.serials?.block ?? null,
      ],
    );
    return updated(rows, id);
  }

  /** Records the digest of the evidence CSV, in the close transaction that froze it. */
  async setEvidenceSha256(manager: EntityManager, id: string, sha256: string): Promise<void> {
    await manager.query(`UPDATE issuance.batches SET evidence_sha256 = $2 WHERE id = $1`, [id, sha256]);
  }

  async markVerified(
    manager: EntityManager,
    id: string,
    verification: { verifierName: string; reportReference: string },
  ): Promise<BatchRow> {
    const rows: [BatchRow[], number] = await manager.query(
      `UPDATE issuance.batches
       SET state = 'verified', verified_at = now(), verifier_name = $2, report_reference = $3
       WHERE id = $1 AND state = 'closed' RETURNING *`,
      [id, verification.verifierName, verification.reportReference],
    );
    return updated(rows, id);
  }

  async markIssued(manager: EntityManager, id: string, registryReference: string): Promise<BatchRow> {
    const rows: [BatchRow[], number] = await manager.query(
      `UPDATE issuance.batches SET state = 'issued', issued_at = now(), registry_reference = $2
       WHERE id = $1 AND state = 'verified' RETURNING *`,
      [id, registryReference],
    );
    return updated(rows, id);
  }

  /**
   * Figures per (vintage, state): frozen totals of closed batches, and the lines so far of open ones
   * (an open batch has no credits yet).
   */
  async summaryGroups(manager: EntityManager, projectId: string): Promise<BatchGroupFigures[]> {
    const rows: {
      vintage: number;
      state: BatchState;
      batches: string;
      lines: string;
      gross_g: string;
      credits: string;
    }[] = await manager.query(
      `SELECT b.vintage, b.state, count(*) AS batches,
                coalesce(sum(coalesce(b.line_count, l.line_count)), 0) AS lines,
                coalesce(sum(coalesce(b.gross_g, l.gross_g)), 0) AS gross_g,
                coalesce(sum(b.credits), 0) AS credits
         FROM issuance.batches b
         LEFT JOIN LATERAL (
           SELECT count(*) AS line_count, coalesce(sum(avoided_g), 0) AS gross_g
           FROM issuance.credit_lines WHERE batch_id = b.id AND b.state = 'open'
         ) l ON true
         WHERE b.project_id = $1
         GROUP BY b.vintage, b.state`,
      [projectId],
    );
    return rows.map((row) => ({
      vintage: row.vintage,
      state: row.state,
      batches: sqlInteger(row.batches),
      lines: sqlInteger(row.lines),
      grossG: sqlInteger(row.gross_g),
      credits: sqlInteger(row.credits),
    }));
  }
}

interface KeyRow {
  id: string;
  project_id: string;
  vintage: number;
  factor_set_version: string;
}

function keyOf(row: KeyRow): BatchKey {
  return { projectId: row.project_id, vintage: row.vintage, factorSetVersion: row.factor_set_version };
}

function keyColumns(keys: readonly BatchKey[]): [string[], number[], string[]] {
  return [keys.map((k) => k.projectId), keys.map((k) => k.vintage), keys.map((k) => k.factorSetVersion)];
}

// UPDATE ... RETURNING through TypeORM's query() yields [rows, affectedCount]. The callers hold the
// row FOR UPDATE and checked its state, so a miss here is a bug, not a race.
function updated([rows]: [BatchRow[], number], id: string): BatchRow {
  if (rows.length !== 1) throw new Error(`batch ${id} was not in the state its transition expects`);
  return rows[0];
}
