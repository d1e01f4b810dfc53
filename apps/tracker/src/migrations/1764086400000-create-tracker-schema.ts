import { createKafkaTablesStatements, dropKafkaTablesStatements } from '@refurb/kafka';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTrackerSchema1764086400000 implements MigrationInterface {
  name = 'CreateTrackerSchema1764086400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA tracker`);
    for (const statement of createKafkaTablesStatements('tracker')) await queryRunner.query(statement);
    await queryRunner.query(`
      CREATE TABLE tracker.device_events (
        event_id     text        PRIMARY KEY,
        device_id    text        NOT NULL,
        type         text        NOT NULL,
        occurred_at  timestamptz NOT NULL,
        source       text        NOT NULL,
        event        jsonb       NOT NULL,
        event_hash   text        NOT NULL,
        topic        text        NOT NULL,
        partition    integer     NOT NULL,
        kafka_offset bigint      NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX device_events_device_time ON tracker.device_events (device_id, occurred_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tracker.device_events`);
    for (const statement of dropKafkaTablesStatements('tracker')) await queryRunner.query(statement);
    await queryRunner.query(`DROP SCHEMA tracker`);
  }
}
