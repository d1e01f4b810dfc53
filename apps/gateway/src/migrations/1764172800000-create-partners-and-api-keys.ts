import { MigrationInterface, QueryRunner } from 'typeorm';

/** Partners and their API keys. No rows: keys are secrets, issued by the CLI, never by a migration. */
export class CreatePartnersAndApiKeys1764172800000 implements MigrationInterface {
  name = 'CreatePartnersAndApiKeys1764172800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE gateway.partners (
        id                  text        PRIMARY KEY,
        display_name        text        NOT NULL,
        allowed_event_types text[]      NOT NULL CHECK (cardinality(allowed_event_types) > 0),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE gateway.partner_api_keys (
        key_id      text        PRIMARY KEY,
        secret_hash text        NOT NULL,
        partner_id  text        NOT NULL REFERENCES gateway.partners (id),
        label       text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX partner_api_keys_partner ON gateway.partner_api_keys (partner_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE gateway.partner_api_keys`);
    await queryRunner.query(`DROP TABLE gateway.partners`);
  }
}
