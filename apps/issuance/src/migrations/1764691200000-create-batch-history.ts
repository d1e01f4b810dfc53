import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * issuance.batch_history is the audit trail of the batch transitions people make (close, verify, issue):
 * who acted — an API key id (`key:<id>`) or an operator at the command line (`cli:<os user>`) — and when.
 * Like tracker.device_events it is append-only: a row trigger refuses UPDATE and DELETE and a statement
 * trigger refuses TRUNCATE, both raising `BATCH.HISTORY_APPEND_ONLY` with SQLSTATE 23000, so the trail
 * cannot be rewritten by the service or by anyone with psql who is not the table's owner dropping the
 * trigger (which itself leaves a trace in the DDL log).
 */
export class CreateBatchHistory1764691200000 implements MigrationInterface {
  name = 'CreateBatchHistory1764691200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE issuance.batch_history (
        id        bigserial   PRIMARY KEY,
        batch_id  text        NOT NULL REFERENCES issuance.batches (id),
        action    text        NOT NULL CHECK (action IN ('close', 'verify', 'issue')),
        state     text        NOT NULL CHECK (state IN ('closed', 'verified', 'issued')),
        actor     text        NOT NULL CHECK (actor ~ '^(key|cli):.+$'),
        acted_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX batch_history_by_batch ON issuance.batch_history (batch_id, id)`);
    await queryRunner.query(`
      CREATE FUNCTION issuance.refuse_batch_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'BATCH.HISTORY_APPEND_ONLY: issuance.batch_history is append-only, % is refused', TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER batch_history_append_only BEFORE UPDATE OR DELETE ON issuance.batch_history
      FOR EACH ROW EXECUTE FUNCTION issuance.refuse_batch_history_change()`);
    await queryRunner.query(`
      CREATE TRIGGER batch_history_never_truncated BEFORE TRUNCATE ON issuance.batch_history
      FOR EACH STATEMENT EXECUTE FUNCTION issuance.refuse_batch_history_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE issuance.batch_history`);
    await queryRunner.query(`DROP FUNCTION issuance.refuse_batch_history_change()`);
  }
}
