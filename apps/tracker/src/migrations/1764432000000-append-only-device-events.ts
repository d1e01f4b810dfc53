import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * tracker.device_events is the evidence every cycle and credit is derived from: once stored, an event
 * is never changed or removed, by the tracker or by anyone with psql. A row trigger refuses UPDATE and
 * DELETE, a statement trigger refuses TRUNCATE (which row triggers never see). Both raise
 * `EVENT.APPEND_ONLY` with SQLSTATE 23000 (integrity_constraint_violation), like the issuance guards.
 * Restoring a backup is not affected: it recreates the table.
 */
export class AppendOnlyDeviceEvents1764432000000 implements MigrationInterface {
  name = 'AppendOnlyDeviceEvents1764432000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION tracker.refuse_device_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'EVENT.APPEND_ONLY: tracker.device_events is append-only, % is refused', TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER device_events_append_only BEFORE UPDATE OR DELETE ON tracker.device_events
      FOR EACH ROW EXECUTE FUNCTION tracker.refuse_device_event_change()`);
    await queryRunner.query(`
      CREATE TRIGGER device_events_never_truncated BEFORE TRUNCATE ON tracker.device_events
      FOR EACH STATEMENT EXECUTE FUNCTION tracker.refuse_device_event_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER device_events_never_truncated ON tracker.device_events`);
    await queryRunner.query(`DROP TRIGGER device_events_append_only ON tracker.device_events`);
    await queryRunner.query(`DROP FUNCTION tracker.refuse_device_event_change()`);
  }
}
