import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Device cycles as derived from the stored events, the credit state of every cycle ever credited,
 * and the emission factor sets (RL-REFURB-1) with `2025-defaults`
 * (docs/methodology.md#factor-set-2025-defaults).
 * The seeded figures are written out here, not imported, so this migration never changes.
 */
const DEFAULTS_2025 = {
  version: '2025-defaults',
  categories: {
    smartphone: { massG: 190, newG: 56000, lightG: 2800, eolG: 500, refurbishedShareBp: 1000 },
    tablet: { massG: 480, newG: 80000, lightG: 4000, eolG: 1000, refurbishedShareBp: 800 },
    laptop: { massG: 1900, newG: 200000, lightG: 10000, eolG: 3000, refurbishedShareBp: 800 },
    desktop: { massG: 7500, newG: 250000, lightG: 12000, eolG: 5000, refurbishedShareBp: 500 },
    monitor: { massG: 4500, newG: 230000, lightG: 6000, eolG: 4000, refurbishedShareBp: 300 },
    console: { massG: 3000, newG: 90000, lightG: 5000, eolG: 2000, refurbishedShareBp: 500 },
  },
  parts: {
    smartphone: {
      battery: 2000,
      screen: 8000,
      housing: 1000,
      camera: 1500,
      port: 500,
      storage: 3000,
      other: 2000,
    },
    tablet: {
      battery: 3000,
      screen: 12000,
      housing: 1500,
      camera: 1500,
      port: 500,
      storage: 3000,
      other: 2000,
    },
    laptop: {
      battery: 6000,
      screen: 25000,
      housing: 5000,
      camera: 1000,
      port: 800,
      keyboard: 3000,
      storage: 10000,
      other: 5000,
    },
    desktop: { housing: 8000, port: 800, keyboard: 3000, storage: 10000, other: 5000 },
    monitor: { screen: 60000, housing: 4000, port: 800, other: 5000 },
    console: { housing: 3000, port: 800, storage: 10000, other: 5000 },
  },
  transportGPerTkm: { road: 210, rail: 30, sea: 15, air: 1100 },
};

export class CreateCycleProjections1764172800000 implements MigrationInterface {
  name = 'CreateCycleProjections1764172800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tracker.device_cycles (
        cycle_id   text        PRIMARY KEY,
        device_id  text        NOT NULL,
        state      text        NOT NULL,
        cycle      jsonb       NOT NULL,
        conflicts  integer     NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX device_cycles_device ON tracker.device_cycles (device_id)`);
    await queryRunner.query(
      `CREATE INDEX device_cycles_with_conflicts ON tracker.device_cycles (device_id) WHERE conflicts > 0`,
    );
    await queryRunner.query(`
      CREATE TABLE tracker.cycle_credits (
        cycle_id          text        PRIMARY KEY,
        device_id         text        NOT NULL,
        steps             integer     NOT NULL,
        credit_change_id  text,
        fingerprint       text,
        credit            jsonb,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CHECK ((credit_change_id IS NULL) = (fingerprint IS NULL) AND (fingerprint IS NULL) = (credit IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX cycle_credits_device ON tracker.cycle_credits (device_id)`);
    await queryRunner.query(`
      CREATE TABLE tracker.factor_sets (
        version       text        PRIMARY KEY,
        methodology   text        NOT NULL,
        factors       jsonb       NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        first_used_at timestamptz
      )`);
    // A factor set that has produced a credit is evidence: it may never change or disappear.
    await queryRunner.query(`
      CREATE FUNCTION tracker.freeze_used_factor_set() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.first_used_at IS NOT NULL THEN
          RAISE EXCEPTION 'factor set % is in use and immutable', OLD.version USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER factor_sets_immutable_once_used BEFORE UPDATE OR DELETE ON tracker.factor_sets
      FOR EACH ROW EXECUTE FUNCTION tracker.freeze_used_factor_set()`);
    await queryRunner.query(
      `INSERT INTO tracker.factor_sets (version, methodology, factors) VALUES ($1, 'RL-REFURB-1', $2)`,
      [DEFAULTS_2025.version, JSON.stringify(DEFAULTS_2025)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tracker.factor_sets`);
    await queryRunner.query(`DROP FUNCTION tracker.freeze_used_factor_set()`);
    await queryRunner.query(`DROP TABLE tracker.cycle_credits`);
    await queryRunner.query(`DROP TABLE tracker.device_cycles`);
  }
}
