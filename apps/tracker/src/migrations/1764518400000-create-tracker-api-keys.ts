import { MigrationInterface, QueryRunner } from 'typeorm';

/** Keys for the tracker's read API: an operator sees everything, a workshop key is bound to one workshop. */
export class CreateTrackerApiKeys1764518400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tracker.api_keys (
        key_id      text        PRIMARY KEY,
        role        text        NOT NULL CHECK (role IN ('operator', 'workshop')),
        workshop_id text        CHECK (workshop_id IS NULL OR length(workshop_id) BETWEEN 1 AND 100),
        secret_hash text        NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        label       text        NOT NULL DEFAULT '',
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz,
        CHECK ((role = 'workshop') = (workshop_id IS NOT NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tracker.api_keys`);
  }
}
