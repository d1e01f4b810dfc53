import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SHA-256 (hex) of a batch's evidence CSV, computed in its close transaction: what the verifier
 * downloads can be checked against what was frozen. Null for open batches and for batches closed before
 * this column existed (docs/decisions.md, evidence digest). Once recorded it never changes (a trigger,
 * as the frozen totals are guarded by issuance.guard_batch).
 */
export class AddEvidenceSha2561765036800000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE issuance.batches ADD COLUMN evidence_sha256 text`);
    await queryRunner.query(
      `ALTER TABLE issuance.batches ADD CONSTRAINT batches_evidence_sha256_check
         CHECK (evidence_sha256 IS NULL OR (state <> 'open' AND evidence_sha256 ~ '^[0-9a-f]{64}$'))`,
    );
    await queryRunner.query(`
      CREATE FUNCTION issuance.refuse_evidence_sha256_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'BATCH.IMMUTABLE: the evidence digest of batch % never changes', OLD.id
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER batches_evidence_sha256_once BEFORE UPDATE OF evidence_sha256 ON issuance.batches
      FOR EACH ROW WHEN (OLD.evidence_sha256 IS NOT NULL AND NEW.evidence_sha256 IS DISTINCT FROM OLD.evidence_sha256)
      EXECUTE FUNCTION issuance.refuse_evidence_sha256_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER batches_evidence_sha256_once ON issuance.batches`);
    await queryRunner.query(`DROP FUNCTION issuance.refuse_evidence_sha256_change()`);
    await queryRunner.query(`ALTER TABLE issuance.batches DROP COLUMN evidence_sha256`);
  }
}
