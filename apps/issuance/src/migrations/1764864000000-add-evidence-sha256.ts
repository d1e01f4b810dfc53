import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SHA-256 (hex) of a batch's evidence CSV, computed in its close transaction: what the verifier
 * downloads can be checked against what was frozen. Null for open batches and for batches closed before
 * this column existed (docs/decisions.md, evidence digest).
 */
export class AddEvidenceSha2561764864000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE issuance.batches ADD COLUMN evidence_sha256 text`);
    await queryRunner.query(
      `ALTER TABLE issuance.batches ADD CONSTRAINT batches_evidence_sha256_check
         CHECK (evidence_sha256 IS NULL OR (state <> 'open' AND evidence_sha256 ~ '^[0-9a-f]{64}$'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE issuance.batches DROP COLUMN evidence_sha256`);
  }
}
