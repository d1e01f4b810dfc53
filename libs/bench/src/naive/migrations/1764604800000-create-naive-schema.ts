import { MigrationInterface, QueryRunner } from 'typeorm';

/** The naive tracker's own schema, apart from the services' (the benchmark compares the two). */
export class CreateNaiveSchema1764604800000 implements MigrationInterface {
  name = 'CreateNaiveSchema1764604800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA naive`);
    await queryRunner.query(`
      CREATE TABLE naive.device_events (
        event_id    text        PRIMARY KEY,
        device_id   text        NOT NULL,
        type        text        NOT NULL,
        event       jsonb       NOT NULL,
        event_hash  text        NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX naive_device_events_device ON naive.device_events (device_id)`);
    await queryRunner.query(`
      CREATE TABLE naive.cycle_credits (
        cycle_id    text        PRIMARY KEY,
        device_id   text        NOT NULL,
        workshop_id text        NOT NULL,
        vintage     integer     NOT NULL,
        fingerprint text        NOT NULL,
        avoided_g   integer     NOT NULL,
        emissions   jsonb       NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX naive_cycle_credits_device ON naive.cycle_credits (device_id)`);
    await queryRunner.query(`
      CREATE TABLE naive.refused_events (
        topic        text        NOT NULL,
        partition    integer     NOT NULL,
        kafka_offset bigint      NOT NULL,
        code         text        NOT NULL,
        reason       text        NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic, partition, kafka_offset)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE naive.refused_events`);
    await queryRunner.query(`DROP TABLE naive.cycle_credits`);
    await queryRunner.query(`DROP TABLE naive.device_events`);
    await queryRunner.query(`DROP SCHEMA naive`);
  }
}
