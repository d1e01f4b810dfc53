import { createKafkaTablesStatements, dropKafkaTablesStatements } from './kafka-tables';

// Copied character for character from what the tracker's and issuance's first migrations ran before the
// DDL moved here (CreateTrackerSchema1764086400000, CreateIssuanceSchema1764086400000): the statements
// are frozen, and a landed migration must keep executing exactly this.
const LANDED = {
  tracker: {
    create: [
      `
      CREATE TABLE tracker.consumer_offsets (
        group_id    text        NOT NULL,
        topic       text        NOT NULL,
        partition   integer     NOT NULL,
        next_offset bigint      NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, topic, partition)
      )`,
      `
      CREATE TABLE tracker.outbox (
        id            bigserial   PRIMARY KEY,
        topic         text        NOT NULL,
        message_key   bytea,
        message_value bytea       NOT NULL,
        headers       jsonb       NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now()
      )`,
    ],
    drop: [`DROP TABLE tracker.outbox`, `DROP TABLE tracker.consumer_offsets`],
  },
  issuance: {
    create: [
      `
      CREATE TABLE issuance.consumer_offsets (
        group_id    text        NOT NULL,
        topic       text        NOT NULL,
        partition   integer     NOT NULL,
        next_offset bigint      NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, topic, partition)
      )`,
      `
      CREATE TABLE issuance.outbox (
        id            bigserial   PRIMARY KEY,
        topic         text        NOT NULL,
        message_key   bytea,
        message_value bytea       NOT NULL,
        headers       jsonb       NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now()
      )`,
    ],
    drop: [`DROP TABLE issuance.outbox`, `DROP TABLE issuance.consumer_offsets`],
  },
};

describe('kafka tables DDL', () => {
  it.each(Object.entries(LANDED))('is, for %s, what the landed migration ran', (schema, landed) => {
    expect(createKafkaTablesStatements(schema)).toStrictEqual(landed.create);
    expect(dropKafkaTablesStatements(schema)).toStrictEqual(landed.drop);
  });
});
