import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CreditLineRow } from '../storage/credit-line.repository';
import { sqlInteger } from '../storage/sql-integer';

export interface UnplacedLine {
  changeId: string;
  kind: 'credit' | 'reversal';
  deviceId: string;
  cycleId: string;
  workshopId: string;
  vintage: number;
  factorSetVersion: string;
  avoidedG: number;
  reversesChangeId: string | null;
  reason: string;
  receivedAt: string;
}

/** Credit lines that wait for a batch, oldest first, with why: what an operator fixes before place-pending. */
@Injectable()
export class UnplacedLinesQuery {
  async list(manager: EntityManager, limit: number): Promise<UnplacedLine[]> {
    const rows: CreditLineRow[] = await manager.query(
      `SELECT * FROM issuance.credit_lines WHERE batch_id IS NULL ORDER BY received_at, change_id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      changeId: row.change_id,
      kind: row.kind,
      deviceId: row.device_id,
      cycleId: row.cycle_id,
      workshopId: row.workshop_id,
      vintage: row.vintage,
      factorSetVersion: row.factor_set_version,
      avoidedG: sqlInteger(row.avoided_g),
      reversesChangeId: row.reverses_change_id,
      reason: row.unplaced_reason,
      receivedAt: row.received_at.toISOString(),
    }));
  }
}
