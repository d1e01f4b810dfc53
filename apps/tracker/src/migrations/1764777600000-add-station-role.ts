import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `station` role: the gateway's scan station reads any device with it, and nothing else. The
 * gateway narrows what it shows to the signed-in workshop (docs/decisions.md, scan station).
 */
export class AddStationRole1764777600000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tracker.api_keys DROP CONSTRAINT api_keys_role_check`);
    await queryRunner.query(
      `ALTER TABLE tracker.api_keys ADD CONSTRAINT api_keys_role_check
         CHECK (role IN ('operator', 'workshop', 'station'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tracker.api_keys DROP CONSTRAINT api_keys_role_check`);
    await queryRunner.query(
      `ALTER TABLE tracker.api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('operator', 'workshop'))`,
    );
  }
}
