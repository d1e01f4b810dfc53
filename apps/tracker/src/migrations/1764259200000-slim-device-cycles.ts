import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * device_cycles keeps what is queried across devices (state, conflicts, anomalies) instead of each
 * cycle's full derivation: the full cycle is derived from the stored events when a device is read, so
 * a batch no longer rewrites about 1.6 KB of JSON per touched cycle. `issues` holds
 * `{conflicts, anomalies}` for the cycles that have any, NULL otherwise.
 *
 * `down` restores the column empty: the full cycles are rebuilt by replaying the input topics.
 */
export class SlimDeviceCycles1764259200000 implements MigrationInterface {
  name = 'SlimDeviceCycles1764259200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tracker.device_cycles ADD COLUMN issues jsonb`);
    await queryRunner.query(`
      UPDATE tracker.device_cycles
      SET issues = jsonb_build_object('conflicts', cycle->'conflicts', 'anomalies', cycle->'anomalies')
      WHERE jsonb_array_length(cycle->'conflicts') > 0 OR jsonb_array_length(cycle->'anomalies') > 0`);
    await queryRunner.query(`ALTER TABLE tracker.device_cycles DROP COLUMN cycle`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tracker.device_cycles ADD COLUMN cycle jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE tracker.device_cycles DROP COLUMN issues`);
  }
}
