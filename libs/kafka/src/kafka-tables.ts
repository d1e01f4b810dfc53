// FROZEN. The first migration of each service that consumes or produces through this library (tracker,
// issuance) runs these statements, and a landed migration must execute the same SQL forever: a database
// migrated before an edit and one migrated after would differ, silently. Never change a character here,
// whitespace included (kafka-tables.spec.ts holds the exact text); a later change to either table is a
// new migration in every service that has it.

/**
 * The two tables libs/kafka needs in a service's schema: `consumer_offsets` (PartitionOffsetStore) and
 * `outbox` (OutboxWriter, OutboxRelay), in the order they are created.
 */
export function createKafkaTablesStatements(schema: string): string[] {
  return [
    `
      CREATE TABLE ${schema}.consumer_offsets (
        group_id    text        NOT NULL,
        topic       text        NOT NULL,
        partition   integer     NOT NULL,
        next_offset bigint      NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, topic, partition)
      )`,
    `
      CREATE TABLE ${schema}.outbox (
        id            bigserial   PRIMARY KEY,
        topic         text        NOT NULL,
        message_key   bytea,
        message_value bytea       NOT NULL,
        headers       jsonb       NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now()
      )`,
  ];
}

/** What undoes createKafkaTablesStatements, in reverse order. */
export function dropKafkaTablesStatements(schema: string): string[] {
  return [`DROP TABLE ${schema}.outbox`, `DROP TABLE ${schema}.consumer_offsets`];
}

// FROZEN as well, from its first migration on (tracker 1764345600000, issuance 1764345600000).
/**
 * `outbox_failed`: outbox rows Kafka refused for good (too large, not authorised), parked by the relay
 * with the refusal so they neither block the rows behind them nor vanish.
 */
export function createOutboxFailedTableStatements(schema: string): string[] {
  return [
    `
      CREATE TABLE ${schema}.outbox_failed (
        id            bigint      PRIMARY KEY,
        topic         text        NOT NULL,
        message_key   bytea,
        message_value bytea       NOT NULL,
        headers       jsonb       NOT NULL,
        created_at    timestamptz NOT NULL,
        failed_at     timestamptz NOT NULL DEFAULT now(),
        error_code    text        NOT NULL,
        error_message text        NOT NULL
      )`,
  ];
}

export function dropOutboxFailedTableStatements(schema: string): string[] {
  return [`DROP TABLE ${schema}.outbox_failed`];
}
