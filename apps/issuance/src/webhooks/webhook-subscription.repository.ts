import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A subscription as the API shows it: never its secret, which is shown once, when it is created. */
export interface WebhookSubscription {
  id: string;
  url: string;
  description: string | null;
  createdBy: string;
  createdAt: string;
  deletedAt: string | null;
}

interface SubscriptionRow {
  id: string;
  url: string;
  description: string | null;
  created_by: string;
  created_at: Date;
  deleted_at: Date | null;
}

const COLUMNS = 'id, url, description, created_by, created_at, deleted_at';

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    deletedAt: row.deleted_at?.toISOString() ?? null,
  };
}

/** issuance.webhook_subscriptions. */
@Injectable()
export class WebhookSubscriptionRepository {
  async insert(
    manager: EntityManager,
    subscription: { id: string; url: string; secret: string; description: string | null; createdBy: string },
  ): Promise<WebhookSubscription> {
    const rows: SubscriptionRow[] = await manager.query(
      `INSERT INTO issuance.webhook_subscriptions (id, url, secret, description, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [
        subscription.id,
        subscription.url,
        subscription.secret,
        subscription.description,
        subscription.createdBy,
      ],
    );
    return toSubscription(rows[0]);
  }

  /** Active subscriptions first, then deleted ones, newest first within each. */
  async list(manager: EntityManager): Promise<WebhookSubscription[]> {
    const rows: SubscriptionRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM issuance.webhook_subscriptions
       ORDER BY deleted_at IS NOT NULL, created_at DESC, id`,
    );
    return rows.map(toSubscription);
  }

  async find(manager: EntityManager, id: string): Promise<WebhookSubscription | undefined> {
    const rows: SubscriptionRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM issuance.webhook_subscriptions WHERE id = $1`,
      [id],
    );
    return rows[0] && toSubscription(rows[0]);
  }

  /** Marks it deleted (idempotent); its pending deliveries are cancelled by the caller's transaction. */
  async markDeleted(manager: EntityManager, id: string): Promise<WebhookSubscription | undefined> {
    // UPDATE ... RETURNING through TypeORM's query() yields [rows, affectedCount].
    const [rows]: [SubscriptionRow[], number] = await manager.query(
      `UPDATE issuance.webhook_subscriptions SET deleted_at = coalesce(deleted_at, now())
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] && toSubscription(rows[0]);
  }
}
