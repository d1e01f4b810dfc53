import { Injectable } from '@nestjs/common';
import { CycleCreditData } from '@refurb/contracts';
import { LineToPlace, StoredLine } from '@refurb/issuance';
import { EntityManager } from 'typeorm';
import { sqlInteger } from './sql-integer';

export type LinePlacement = { batchId: string; projectId: string } | { unplacedReason: string };

export interface NewCreditLine {
  data: CycleCreditData;
  /** sha256 of the canonical record data: tells a re-delivery from a reused change id. */
  contentHash: string;
  placement: LinePlacement;
}

/** A row of issuance.credit_lines, as `SELECT *` returns it. */
export interface CreditLineRow {
  change_id: string;
  kind: 'credit' | 'reversal';
  device_id: string;
  cycle_id: string;
  workshop_id: string;
  vintage: number;
  factor_set_version: string;
  avoided_g: string;
  fingerprint: string;
  reverses_change_id: string | null;
  unplaced_reason: string;
  received_at: Date;
}

/** issuance.credit_lines: every credit and reversal received, once by change id, placed or not. */
@Injectable()
export class CreditLineRepository {
  async contentHashesOf(manager: EntityManager, changeIds: readonly string[]): Promise<Map<string, string>> {
    if (changeIds.length === 0) return new Map();
    const rows: { change_id: string; content_hash: string }[] = await manager.query(
      `SELECT change_id, content_hash FROM issuance.credit_lines WHERE change_id = ANY($1::text[])`,
      [changeIds],
    );
    return new Map(rows.map((row) => [row.change_id, row.content_hash]));
  }

  /** The stored lines that reversals name, with the reversal each already has. */
  async storedLines(manager: EntityManager, changeIds: readonly string[]): Promise<Map<string, StoredLine>> {
    if (changeIds.length === 0) return new Map();
    const rows: {
      change_id: string;
      kind: 'credit' | 'reversal';
      project_id: string | null;
      vintage: number;
      factor_set_version: string;
      avoided_g: string;
      fingerprint: string;
      reversed_by: string | null;
    }[] = await manager.query(
      `SELECT l.change_id, l.kind, l.project_id, l.vintage, l.factor_set_version, l.avoided_g, l.fingerprint,
              r.change_id AS reversed_by
       FROM issuance.credit_lines l
       LEFT JOIN issuance.credit_lines r ON r.reverses_change_id = l.change_id
       WHERE l.change_id = ANY($1::text[])`,
      [[...new Set(changeIds)]],
    );
    return new Map(
      rows.map((row): [string, StoredLine] => [
        row.change_id,
        {
          changeId: row.change_id,
          kind: row.kind,
          key:
            row.project_id === null
              ? null
              : { projectId: row.project_id, vintage: row.vintage, factorSetVersion: row.factor_set_version },
          signedAvoidedG: sqlInteger(row.avoided_g),
          fingerprint: row.fingerprint,
          reversedBy: row.reversed_by,
        },
      ]),
    );
  }

  /** One statement whatever the count; a change id already stored is left as it is. */
  async insert(manager: EntityManager, lines: readonly NewCreditLine[]): Promise<void> {
    if (lines.length === 0) return;
    const column = <T>(read: (line: NewCreditLine) => T): T[] => lines.map(read);
    const placed = (line: NewCreditLine) => ('batchId' in line.placement ? line.placement : undefined);
    await manager.query(
      `INSERT INTO issuance.credit_lines
         (change_id, kind, cycle_id, device_id, sequence, category, workshop_id, vintage, factor_set_version,
          avoided_g, emissions, evidence, fingerprint, reverses_change_id, content_hash, project_id, batch_id,
          unplaced_reason, placed_at)
       SELECT l.*, CASE WHEN l.batch_id IS NULL THEN NULL ELSE now() END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::int[],
                   $9::text[], $10::bigint[], $11::jsonb[], $12::jsonb[], $13::text[], $14::text[], $15::text[],
                   $16::text[], $17::text[], $18::text[])
         AS l(change_id, kind, cycle_id, device_id, sequence, category, workshop_id, vintage, factor_set_version,
              avoided_g, emissions, evidence, fingerprint, reverses_change_id, content_hash, project_id, batch_id,
              unplaced_reason)
       ON CONFLICT (change_id) DO NOTHING`,
      [
        column((l) => l.data.changeId),
        column((l) => l.data.kind),
        column((l) => l.data.cycleId),
        column((l) => l.data.deviceId),
        column((l) => l.data.sequence),
        column((l) => l.data.evidence.category),
        column((l) => l.data.evidence.workshopId),
        column((l) => l.data.evidence.vintage),
        column((l) => l.data.emissions.factorSetVersion),
        column((l) => l.data.signedAvoidedG),
        column((l) => JSON.stringify(l.data.emissions)),
        column((l) => JSON.stringify(l.data.evidence)),
        column((l) => l.data.fingerprint),
        column((l) => l.data.reversesChangeId ?? null),
        column((l) => l.contentHash),
        column((l) => placed(l)?.projectId ?? null),
        column((l) => placed(l)?.batchId ?? null),
        column((l) => ('unplacedReason' in l.placement ? l.placement.unplacedReason : null)),
      ],
    );
  }

  /**
   * Unplaced lines, oldest first, locked for placing: a credit always precedes the reversals that name
   * it, since a cycle's records arrive in order on one partition.
   */
  async lockUnplaced(manager: EntityManager, limit: number): Promise<(LineToPlace & { reason: string })[]> {
    const rows: CreditLineRow[] = await manager.query(
      `SELECT * FROM issuance.credit_lines WHERE batch_id IS NULL
       ORDER BY received_at, change_id LIMIT $1 FOR UPDATE`,
      [limit],
    );
    return rows.map((row) => ({
      changeId: row.change_id,
      kind: row.kind,
      workshopId: row.workshop_id,
      vintage: row.vintage,
      factorSetVersion: row.factor_set_version,
      signedAvoidedG: sqlInteger(row.avoided_g),
      fingerprint: row.fingerprint,
      ...(row.reverses_change_id === null ? {} : { reversesChangeId: row.reverses_change_id }),
      reason: row.unplaced_reason,
    }));
  }

  async place(
    manager: EntityManager,
    placements: readonly { changeId: string; batchId: string; projectId: string }[],
  ): Promise<void> {
    if (placements.length === 0) return;
    await manager.query(
      `UPDATE issuance.credit_lines l
       SET batch_id = p.batch_id, project_id = p.project_id, unplaced_reason = NULL, placed_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS p(change_id, batch_id, project_id)
       WHERE l.change_id = p.change_id AND l.batch_id IS NULL`,
      [
        placements.map((p) => p.changeId),
        placements.map((p) => p.batchId),
        placements.map((p) => p.projectId),
      ],
    );
  }

  async setUnplacedReasons(
    manager: EntityManager,
    reasons: readonly { changeId: string; reason: string }[],
  ): Promise<void> {
    if (reasons.length === 0) return;
    await manager.query(
      `UPDATE issuance.credit_lines l SET unplaced_reason = r.reason
       FROM unnest($1::text[], $2::text[]) AS r(change_id, reason)
       WHERE l.change_id = r.change_id AND l.batch_id IS NULL AND l.unplaced_reason IS DISTINCT FROM r.reason`,
      [reasons.map((r) => r.changeId), reasons.map((r) => r.reason)],
    );
  }
}
