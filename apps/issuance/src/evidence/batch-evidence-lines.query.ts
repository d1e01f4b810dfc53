import { Injectable } from '@nestjs/common';
import { CycleCreditEmissions, CycleCreditEvidence } from '@refurb/contracts';
import { EvidenceLine, SampleCandidate } from '@refurb/issuance';
import { EntityManager } from 'typeorm';
import { sqlInteger } from '../storage/sql-integer';

interface EvidenceLineRow {
  change_id: string;
  kind: 'credit' | 'reversal';
  reverses_change_id: string | null;
  avoided_g: string;
  fingerprint: string;
  evidence: CycleCreditEvidence;
  emissions: CycleCreditEmissions;
}

const COLUMNS = 'change_id, kind, reverses_change_id, avoided_g, fingerprint, evidence, emissions';

/**
 * A batch's lines with their evidence, as the evidence CSV, the recomputation and the verifier's
 * routes read them. Every read orders by change id: the evidence CSV's order.
 */
@Injectable()
export class BatchEvidenceLines {
  /**
   * A batch's lines in change id order, page by page (keyset pagination), so a batch of any size can
   * be read within one transaction without holding it all in memory.
   */
  async *pagesOf(manager: EntityManager, batchId: string, pageSize = 2_000): AsyncGenerator<EvidenceLine[]> {
    for (let after: string | null = null; ;) {
      const page = await this.pageOfBatch(manager, batchId, after, pageSize);
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1].changeId;
    }
  }

  /** One page by offset (what a UI pages through), with the batch's line count. */
  async page(
    manager: EntityManager,
    batchId: string,
    limit: number,
    offset: number,
  ): Promise<{ lines: EvidenceLine[]; total: number }> {
    const rows: EvidenceLineRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM issuance.credit_lines WHERE batch_id = $1 ORDER BY change_id LIMIT $2 OFFSET $3`,
      [batchId, limit, offset],
    );
    const [{ total }]: { total: string }[] = await manager.query(
      `SELECT count(*) AS total FROM issuance.credit_lines WHERE batch_id = $1`,
      [batchId],
    );
    return { lines: rows.map(toEvidenceLine), total: sqlInteger(total) };
  }

  /** Every line's id and kind: what a sample is drawn from (the figures are not needed for that). */
  candidates(manager: EntityManager, batchId: string): Promise<SampleCandidate[]> {
    return manager.query(
      `SELECT change_id AS "changeId", kind FROM issuance.credit_lines WHERE batch_id = $1 ORDER BY change_id`,
      [batchId],
    );
  }

  /** The named lines of the batch, in the order named; ids not in the batch are left out. */
  async byChangeIds(
    manager: EntityManager,
    batchId: string,
    changeIds: readonly string[],
  ): Promise<EvidenceLine[]> {
    const rows: EvidenceLineRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM issuance.credit_lines WHERE batch_id = $1 AND change_id = ANY($2::text[])`,
      [batchId, changeIds],
    );
    const byId = new Map(rows.map((row) => [row.change_id, toEvidenceLine(row)]));
    return changeIds.flatMap((id) => byId.get(id) ?? []);
  }

  private async pageOfBatch(
    manager: EntityManager,
    batchId: string,
    afterChangeId: string | null,
    limit: number,
  ): Promise<EvidenceLine[]> {
    const rows: EvidenceLineRow[] = await manager.query(
      `SELECT ${COLUMNS}
       FROM issuance.credit_lines
       WHERE batch_id = $1 AND ($2::text IS NULL OR change_id > $2)
       ORDER BY change_id LIMIT $3`,
      [batchId, afterChangeId, limit],
    );
    return rows.map(toEvidenceLine);
  }
}

function toEvidenceLine(row: EvidenceLineRow): EvidenceLine {
  return {
    changeId: row.change_id,
    kind: row.kind,
    reversesChangeId: row.reverses_change_id,
    signedAvoidedG: sqlInteger(row.avoided_g),
    fingerprint: row.fingerprint,
    evidence: row.evidence,
    emissions: row.emissions,
  };
}
