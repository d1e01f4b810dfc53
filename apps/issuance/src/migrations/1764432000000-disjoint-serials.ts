import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Serial numbers are what a registry and a buyer hold on to, so the database itself keeps them unique:
 * - the serial blocks of one project never overlap — an exclusion constraint over
 *   (project_id, [serial_first, serial_last]) on the batches that have serials. The two unique indexes
 *   on serial_first and serial_last only caught blocks that share an end.
 * - a project's serial counter (`last_serial`) never goes down, so a block once handed out is never
 *   handed out again, even after its batch row were gone.
 *
 * The constraint needs btree_gist for `project_id WITH =` in a GiST index. It is a trusted extension
 * shipped with PostgreSQL's contrib; the statement does nothing where it is installed already (which is
 * how a service whose role may not create extensions is run, see the README). `down` leaves it installed:
 * it belongs to the database, and other schemas may use it.
 */
export class DisjointSerials1764432000000 implements MigrationInterface {
  name = 'DisjointSerials1764432000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
      ALTER TABLE issuance.batches ADD CONSTRAINT batches_serials_disjoint
        EXCLUDE USING gist (project_id WITH =, int8range(serial_first, serial_last, '[]') WITH &&)
        WHERE (serial_first IS NOT NULL)`);
    await queryRunner.query(`
      CREATE FUNCTION issuance.refuse_serial_rewind() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'PROJECT.SERIAL_REWOUND: the last serial of project % never goes down (% to %)',
          OLD.id, OLD.last_serial, NEW.last_serial
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER projects_serials_only_grow BEFORE UPDATE OF last_serial ON issuance.projects
      FOR EACH ROW WHEN (NEW.last_serial < OLD.last_serial) EXECUTE FUNCTION issuance.refuse_serial_rewind()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER projects_serials_only_grow ON issuance.projects`);
    await queryRunner.query(`DROP FUNCTION issuance.refuse_serial_rewind()`);
    await queryRunner.query(`ALTER TABLE issuance.batches DROP CONSTRAINT batches_serials_disjoint`);
  }
}
