import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * issuance.console_sessions: a console sign-in, by the SHA-256 of its token (the token itself is only
 * in the browser's HttpOnly cookie). The role is not stored: it is re-read from the key on each request,
 * so revoking a key ends its sessions at once.
 */
export class CreateConsoleSessions1764950400000 implements MigrationInterface {
  name = 'CreateConsoleSessions1764950400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE issuance.console_sessions (
        token_hash text        PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        key_id     text        NOT NULL REFERENCES issuance.api_keys (key_id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX console_sessions_by_expiry ON issuance.console_sessions (expires_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE issuance.console_sessions`);
  }
}
