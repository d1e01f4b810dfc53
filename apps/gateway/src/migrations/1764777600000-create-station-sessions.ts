import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scan station sessions: a workshop key exchanged for a short-lived cookie. Only the SHA-256 of the
 * session token is stored, so a database read does not give sessions away; the key id lets a revoked
 * key end its sessions on their next request.
 */
export class CreateStationSessions1764777600000 implements MigrationInterface {
  name = 'CreateStationSessions1764777600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE gateway.station_sessions (
        token_hash  text        PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        partner_id  text        NOT NULL REFERENCES gateway.partners (id),
        key_id      text        NOT NULL REFERENCES gateway.partner_api_keys (key_id),
        workshop_id text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        CHECK (expires_at > created_at)
      )`);
    await queryRunner.query(
      `CREATE INDEX station_sessions_expires_at ON gateway.station_sessions (expires_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE gateway.station_sessions`);
  }
}
