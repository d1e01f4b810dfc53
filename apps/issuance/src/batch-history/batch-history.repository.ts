import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BatchActor } from './batch-actor';

export type BatchAction = 'close' | 'verify' | 'issue';

export interface BatchHistoryEntry {
  action: BatchAction;
  /** The state the batch entered. */
  state: 'closed' | 'verified' | 'issued';
  actor: string;
  at: string;
}

const STATE_AFTER: Record<BatchAction, BatchHistoryEntry['state']> = {
  close: 'closed',
  verify: 'verified',
  issue: 'issued',
};

/** issuance.batch_history: the append-only audit trail of batch transitions (see its migration). */
@Injectable()
export class BatchHistoryRepository {
  /** In the transition's transaction: the entry exists if and only if the transition does. */
  async append(
    manager: EntityManager,
    batchId: string,
    action: BatchAction,
    actor: BatchActor,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO issuance.batch_history (batch_id, action, state, actor) VALUES ($1, $2, $3, $4)`,
      [batchId, action, STATE_AFTER[action], actor],
    );
  }

  async list(manager: EntityManager, batchId: string): Promise<BatchHistoryEntry[]> {
    const rows: { action: BatchAction; state: BatchHistoryEntry['state']; actor: string; acted_at: Date }[] =
      await manager.query(
        `SELECT action, state, actor, acted_at FROM issuance.batch_history WHERE batch_id = $1 ORDER BY id`,
        [batchId],
      );
    return rows.map((row) => ({
      action: row.action,
      state: row.state,
      actor: row.actor,
      at: row.acted_at.toISOString(),
    }));
  }
}
