import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks for finance systems without Kafka (docs/decisions.md, "Signed webhooks"):
 * - webhook_subscriptions: an HTTPS URL and the secret its deliveries are signed with. The secret is
 *   stored as is, because signing needs it (a hash cannot sign); a deleted subscription is kept, marked,
 *   so its delivery log still names it.
 * - webhook_deliveries: one row per (transition, active subscription), written in the transition's own
 *   transaction, beside its outbox row; the relay sends it until the receiver answers 2xx or the attempt
 *   budget is spent (`give_up_after` attempts once redelivered by hand, else the relay's configured
 *   budget). `seq` orders the deliveries of one batch to one subscription.
 * - webhook_attempts: every try, with the receiver's status code or the error, for the delivery log.
 */
export class CreateWebhooks1764777600000 implements MigrationInterface {
  name = 'CreateWebhooks1764777600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE issuance.webhook_subscriptions (
        id          text        PRIMARY KEY,
        url         text        NOT NULL CHECK (url ~ '^https?://'),
        secret      text        NOT NULL,
        description text,
        created_by  text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        deleted_at  timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE issuance.webhook_deliveries (
        id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        seq              bigserial   NOT NULL UNIQUE,
        subscription_id  text        NOT NULL REFERENCES issuance.webhook_subscriptions (id),
        batch_id         text        NOT NULL REFERENCES issuance.batches (id),
        event_type       text        NOT NULL,
        body             text        NOT NULL,
        status           text        NOT NULL DEFAULT 'pending'
                                     CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
        attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        give_up_after    integer     CHECK (give_up_after >= 1),
        next_attempt_at  timestamptz,
        last_status_code integer,
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        delivered_at     timestamptz,
        CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
        CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE INDEX webhook_deliveries_due ON issuance.webhook_deliveries (next_attempt_at, seq)
        WHERE status = 'pending'`);
    await queryRunner.query(`
      CREATE INDEX webhook_deliveries_by_subscription ON issuance.webhook_deliveries (subscription_id, seq)`);
    await queryRunner.query(`
      CREATE TABLE issuance.webhook_attempts (
        id           bigserial   PRIMARY KEY,
        delivery_id  uuid        NOT NULL REFERENCES issuance.webhook_deliveries (id),
        attempt      integer     NOT NULL CHECK (attempt >= 1),
        attempted_at timestamptz NOT NULL,
        duration_ms  integer     NOT NULL,
        status_code  integer,
        error        text,
        CHECK (status_code IS NOT NULL OR error IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE INDEX webhook_attempts_by_delivery ON issuance.webhook_attempts (delivery_id, attempt)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE issuance.webhook_attempts`);
    await queryRunner.query(`DROP TABLE issuance.webhook_deliveries`);
    await queryRunner.query(`DROP TABLE issuance.webhook_subscriptions`);
  }
}
