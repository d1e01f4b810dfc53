import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `auditor` role: issuance reads the devices behind a batch line with it (the verifier's evidence
 * drill-down), any device, and nothing else.
 */
export class AddAuditorRole1764864000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tracker.api_keys DROP CONSTRAINT api_keys_role_check`);
    await queryRunner.query(
      `ALTER TABLE tracker.api_keys ADD CONSTRAINT api_keys_role_check
         CHECK (role IN ('operator', 'workshop', 'station', 'auditor'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tracker.api_keys DROP CONSTRAINT api_keys_role_check`);
    await queryRunner.query(
      `ALTER TABLE tracker.api_keys ADD CONSTRAINT api_keys_role_check
         CHECK (role IN ('operator', 'workshop', 'station'))`,
    );
  }
}
