import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface WebhookAttempt {
  attempt: number;
  at: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

/** A delivery as the delivery log shows it. */
export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  batchId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: WebhookAttempt[];
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** A delivery the relay has leased: what it sends, and where. */
export interface ClaimedDelivery {
  id: string;
  attempt: number;
  /** Set by a redelivery; null: the relay's configured budget. */
  giveUpAfter: number | null;
  body: string;
  url: string;
  secret: string;
}

export interface AttemptOutcome {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  /** null once delivered or given up. */
  retryInMs: number | null;
  delivered: boolean;
}

interface DeliveryRow {
  id: string;
  subscription_id: string;
  batch_id: string;
  event_type: string;
  status: DeliveryStatus;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  delivered_at: Date | null;
  attempt_log: {
    attempt: number;
    at: string;
    duration_ms: number;
    status_code: number | null;
    error: string | null;
  }[];
}

const DELIVERY_VIEW = `
  SELECT d.id, d.subscription_id, d.batch_id, d.event_type, d.status, d.last_status_code, d.last_error,
         d.next_attempt_at, d.created_at, d.delivered_at,
         coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.attempted_at,
                     'duration_ms', a.duration_ms, 'status_code', a.status_code, 'error', a.error)
                     ORDER BY a.id)
                   FROM issuance.webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS attempt_log
  FROM issuance.webhook_deliveries d`;

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    batchId: row.batch_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempt_log.map((attempt) => ({
      attempt: attempt.attempt,
      at: new Date(attempt.at).toISOString(),
      durationMs: attempt.duration_ms,
      statusCode: attempt.status_code,
      error: attempt.error,
    })),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}

/** issuance.webhook_deliveries and their attempts: the queue the relay works and the delivery log. */
@Injectable()
export class WebhookDeliveryRepository {
  /**
   * One delivery per active subscription, in the caller's transaction (the transition's): a transition
   * that commits has its deliveries, one that rolls back has none.
   */
  async enqueue(
    manager: EntityManager,
    delivery: { batchId: string; eventType: string; body: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO issuance.webhook_deliveries (subscription_id, batch_id, event_type, body, next_attempt_at)
       SELECT id, $1, $2, $3, now() FROM issuance.webhook_subscriptions WHERE deleted_at IS NULL ORDER BY id`,
      [delivery.batchId, delivery.eventType, delivery.body],
    );
  }

  /**
   * Leases up to `limit` due deliveries for `leaseMs` (their next attempt moves past the lease, so a relay
   * that dies mid-send leaves them to be retried, under the same id). A delivery waits while an earlier
   * one of the same batch to the same subscription is pending: a receiver gets a batch's transitions in
   * order. SKIP LOCKED lets several instances relay side by side.
   */
  async claimDue(manager: EntityManager, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const [rows]: [
      {
        id: string;
        attempts: number;
        give_up_after: number | null;
        body: string;
        url: string;
        secret: string;
      }[],
      number,
    ] = await manager.query(
      `UPDATE issuance.webhook_deliveries d
         SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
         FROM (
           SELECT due.id, s.url, s.secret
           FROM issuance.webhook_deliveries due
           JOIN issuance.webhook_subscriptions s ON s.id = due.subscription_id AND s.deleted_at IS NULL
           WHERE due.status = 'pending' AND due.next_attempt_at <= now()
             AND NOT EXISTS (
               SELECT 1 FROM issuance.webhook_deliveries earlier
               WHERE earlier.subscription_id = due.subscription_id AND earlier.batch_id = due.batch_id
                 AND earlier.status = 'pending' AND earlier.seq < due.seq)
           ORDER BY due.next_attempt_at, due.seq
           LIMIT $1
           FOR UPDATE OF due SKIP LOCKED
         ) claimed
         WHERE d.id = claimed.id
         RETURNING d.id, d.attempts, d.give_up_after, d.body, claimed.url, claimed.secret`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      attempt: row.attempts,
      giveUpAfter: row.give_up_after,
      body: row.body,
      url: row.url,
      secret: row.secret,
    }));
  }

  /**
   * The attempt's outcome, unless the delivery moved on meanwhile (a redeliver, a cancelled subscription):
   * the attempt is logged either way, the delivery's state only if it is still this attempt's.
   */
  async recordAttempt(manager: EntityManager, deliveryId: string, outcome: AttemptOutcome): Promise<void> {
    await manager.query(
      `INSERT INTO issuance.webhook_attempts (delivery_id, attempt, attempted_at, duration_ms, status_code, error)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [deliveryId, outcome.attempt, outcome.startedAt, outcome.durationMs, outcome.statusCode, outcome.error],
    );
    const status: DeliveryStatus = outcome.delivered
      ? 'delivered'
      : outcome.retryInMs === null
        ? 'failed'
        : 'pending';
    await manager.query(
      `UPDATE issuance.webhook_deliveries
       SET status = $3, last_status_code = $4, last_error = $5,
           next_attempt_at = CASE WHEN $3 = 'pending' THEN now() + make_interval(secs => $6::double precision / 1000) END,
           delivered_at = CASE WHEN $3 = 'delivered' THEN now() END
       WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [deliveryId, outcome.attempt, status, outcome.statusCode, outcome.error, outcome.retryInMs ?? 0],
    );
  }

  async listForSubscription(
    manager: EntityManager,
    subscriptionId: string,
    page: { limit: number; offset: number },
  ): Promise<WebhookDelivery[]> {
    const rows: DeliveryRow[] = await manager.query(
      `${DELIVERY_VIEW} WHERE d.subscription_id = $1 ORDER BY d.seq DESC LIMIT $2 OFFSET $3`,
      [subscriptionId, page.limit, page.offset],
    );
    return rows.map(toDelivery);
  }

  async find(manager: EntityManager, id: string): Promise<WebhookDelivery | undefined> {
    const rows: DeliveryRow[] = await manager.query(`${DELIVERY_VIEW} WHERE d.id = $1`, [id]);
    return rows[0] && toDelivery(rows[0]);
  }

  /** Due now, with a fresh budget of attempts; same id and body, so the receiver can tell it is a resend. */
  async scheduleRedelivery(manager: EntityManager, id: string, maxAttempts: number): Promise<void> {
    await manager.query(
      `UPDATE issuance.webhook_deliveries
       SET status = 'pending', next_attempt_at = now(), delivered_at = NULL, give_up_after = attempts + $2
       WHERE id = $1`,
      [id, maxAttempts],
    );
  }

  async cancelPendingOf(manager: EntityManager, subscriptionId: string): Promise<void> {
    await manager.query(
      `UPDATE issuance.webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL
       WHERE subscription_id = $1 AND status = 'pending'`,
      [subscriptionId],
    );
  }
}
