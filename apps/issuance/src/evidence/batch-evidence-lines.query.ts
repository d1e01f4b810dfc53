import { Injectable } from '@nestjs/common';
import { CycleCreditEmissions, CycleCreditEvidence } from '@refurb/contracts';
import { EvidenceLine } from '@refurb/issuance';
import { EntityManager } from 'typeorm';
import { sqlInteger } from '../storage/sql-integer';

/** A batch's lines with their evidence, as the evidence CSV and the recomputation read them. */
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

  private async pageOfBatch(
    manager: EntityManager,
    batchId: string,
    afterChangeId: string | null,
    limit: number,
  ): Promise<EvidenceLine[]> {
    const rows: {
      change_id: string;
      kind: 'credit' | 'reversal';
      reverses_change_id: string | null;
      avoided_g: string;
      fingerprint: string;
      evidence: CycleCreditEvidence;
      emissions: CycleCreditEmissions;
    }[] = await manager.query(
      `SELECT change_id, kind, reverses_change_id, avoided_g, fingerprint, evidence, emissions
       FROM issuance.credit_lines
       WHERE batch_id = $1 AND ($2::text IS NULL OR change_id > $2)
       ORDER BY change_id LIMIT $3`,
      [batchId, afterChangeId, limit],
    );
    return rows.map((row) => ({
      changeId: row.change_id,
      kind: row.kind,
      reversesChangeId: row.reverses_change_id,
      signedAvoidedG: sqlInteger(row.avoided_g),
      fingerprint: row.fingerprint,
      evidence: row.evidence,
      emissions: row.emissions,
    }));
  }
}
