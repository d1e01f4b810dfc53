import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIssuanceSchema1764086400000 implements MigrationInterface {
  name = 'CreateIssuanceSchema1764086400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA issuance`);
    await queryRunner.query(`
      CREATE TABLE issuance.consumer_offsets (
        group_id    text        NOT NULL,
        topic       text        NOT NULL,
        partition   integer     NOT NULL,
        next_offset bigint      NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, topic, partition)
      )`);
    await queryRunner.query(`
      CREATE TABLE issuance.outbox (
        id            bigserial   PRIMARY KEY,
        topic         text        NOT NULL,
        message_key   bytea,
        message_value bytea       NOT NULL,
        headers       jsonb       NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE issuance.outbox`);
    await queryRunner.query(`DROP TABLE issuance.consumer_offsets`);
    await queryRunner.query(`DROP SCHEMA issuance`);
  }
}
