import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects and workshops (configured data), issuance batches, their credit lines and the API keys of
 * finance, verifiers and admins. Invariants the code relies on are also enforced here, so that no
 * code path (or operator with psql) can break them unnoticed:
 * - one open batch per (project, vintage, factor set) — a partial unique index;
 * - a closed batch never changes its key, totals or serials, and states only move forward;
 * - a line is only ever added to an open batch of its own key, and never changes once placed.
 */
export class CreateBatchesAndLines1764172800000 implements MigrationInterface {
  name = 'CreateBatchesAndLines1764172800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE issuance.projects (
        id          text        PRIMARY KEY CHECK (id ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(id) <= 40),
        company     text        NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
        country     text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        discount_bp integer     NOT NULL DEFAULT 500 CHECK (discount_bp BETWEEN 0 AND 10000),
        last_serial bigint      NOT NULL DEFAULT 0 CHECK (last_serial >= 0),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE issuance.workshops (
        id         text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
        name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        project_id text        NOT NULL REFERENCES issuance.projects (id),
        valid_from timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE SEQUENCE issuance.batch_number`);
    await queryRunner.query(`
      CREATE TABLE issuance.batches (
        id                 text        PRIMARY KEY,
        project_id         text        NOT NULL REFERENCES issuance.projects (id),
        vintage            integer     NOT NULL CHECK (vintage BETWEEN 2000 AND 9999),
        factor_set_version text        NOT NULL,
        state              text        NOT NULL DEFAULT 'open'
                                       CHECK (state IN ('open', 'closed', 'verified', 'issued')),
        opened_at          timestamptz NOT NULL DEFAULT now(),
        closed_at          timestamptz,
        close_sequence     integer     CHECK (close_sequence >= 1),
        previous_batch_id  text        REFERENCES issuance.batches (id),
        line_count         integer,
        discount_bp        integer,
        carried_in_g       bigint,
        gross_g            bigint,
        discount_g         bigint,
        net_g              bigint,
        credits            bigint,
        carried_out_g      bigint,
        serial_first       bigint,
        serial_last        bigint,
        serial_block       text,
        verified_at        timestamptz,
        verifier_name      text,
        report_reference   text,
        issued_at          timestamptz,
        registry_reference text,
        CHECK ((state = 'open') = (closed_at IS NULL)),
        CHECK (state = 'open' OR (close_sequence, line_count, discount_bp, carried_in_g, gross_g,
                                  discount_g, net_g, credits, carried_out_g) IS NOT NULL),
        CHECK (state <> 'open' OR (close_sequence, line_count, discount_bp, carried_in_g, gross_g,
                                   discount_g, net_g, credits, carried_out_g, serial_first) IS NULL),
        CHECK (net_g = credits * 1000000 + carried_out_g AND credits >= 0 AND carried_out_g < 1000000),
        CHECK ((serial_first IS NULL) = (serial_last IS NULL) AND (serial_first IS NULL) = (serial_block IS NULL)),
        CHECK (serial_first >= 1 AND serial_last - serial_first + 1 = credits),
        CHECK (state = 'open' OR (credits = 0) = (serial_first IS NULL)),
        CHECK ((state IN ('verified', 'issued'))
               = (verified_at IS NOT NULL AND verifier_name IS NOT NULL AND report_reference IS NOT NULL)),
        CHECK ((state = 'issued') = (issued_at IS NOT NULL AND registry_reference IS NOT NULL))
      )`);
    // Two consumers racing to open the batch of one key: the second one's insert does nothing.
    await queryRunner.query(`
      CREATE UNIQUE INDEX batches_one_open_per_key
        ON issuance.batches (project_id, vintage, factor_set_version) WHERE state = 'open'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX batches_carry_chain ON issuance.batches (project_id, close_sequence)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX batches_serial_first ON issuance.batches (project_id, serial_first)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX batches_serial_last ON issuance.batches (project_id, serial_last)`,
    );
    await queryRunner.query(`CREATE INDEX batches_listing ON issuance.batches (project_id, vintage, state)`);
    await queryRunner.query(`
      CREATE FUNCTION issuance.guard_batch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.state <> 'open' THEN
            RAISE EXCEPTION 'BATCH.IMMUTABLE: batch % is %, it cannot be deleted', OLD.id, OLD.state
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF (NEW.id, NEW.project_id, NEW.vintage, NEW.factor_set_version, NEW.opened_at)
           IS DISTINCT FROM (OLD.id, OLD.project_id, OLD.vintage, OLD.factor_set_version, OLD.opened_at) THEN
          RAISE EXCEPTION 'BATCH.IMMUTABLE: the key of batch % never changes', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.state IS DISTINCT FROM OLD.state AND (OLD.state, NEW.state) NOT IN
           (('open', 'closed'), ('closed', 'verified'), ('verified', 'issued')) THEN
          RAISE EXCEPTION 'BATCH.INVALID_TRANSITION: batch % cannot go from % to %', OLD.id, OLD.state, NEW.state
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.state <> 'open' AND
           (NEW.closed_at, NEW.close_sequence, NEW.previous_batch_id, NEW.line_count, NEW.discount_bp,
            NEW.carried_in_g, NEW.gross_g, NEW.discount_g, NEW.net_g, NEW.credits, NEW.carried_out_g,
            NEW.serial_first, NEW.serial_last, NEW.serial_block)
           IS DISTINCT FROM
           (OLD.closed_at, OLD.close_sequence, OLD.previous_batch_id, OLD.line_count, OLD.discount_bp,
            OLD.carried_in_g, OLD.gross_g, OLD.discount_g, OLD.net_g, OLD.credits, OLD.carried_out_g,
            OLD.serial_first, OLD.serial_last, OLD.serial_block) THEN
          RAISE EXCEPTION 'BATCH.IMMUTABLE: batch % is closed, its totals and serials never change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.state IN ('verified', 'issued') AND
           (NEW.verified_at, NEW.verifier_name, NEW.report_reference)
           IS DISTINCT FROM (OLD.verified_at, OLD.verifier_name, OLD.report_reference) THEN
          RAISE EXCEPTION 'BATCH.IMMUTABLE: the verification of batch % never changes', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.state = 'issued' AND (NEW.issued_at, NEW.registry_reference)
           IS DISTINCT FROM (OLD.issued_at, OLD.registry_reference) THEN
          RAISE EXCEPTION 'BATCH.IMMUTABLE: the issuance of batch % never changes', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER batches_guard BEFORE UPDATE OR DELETE ON issuance.batches
      FOR EACH ROW EXECUTE FUNCTION issuance.guard_batch()`);
    await queryRunner.query(`
      CREATE TABLE issuance.credit_lines (
        change_id          text        PRIMARY KEY,
        kind               text        NOT NULL CHECK (kind IN ('credit', 'reversal')),
        cycle_id           text        NOT NULL,
        device_id          text        NOT NULL,
        sequence           integer     NOT NULL CHECK (sequence >= 1),
        category           text        NOT NULL,
        workshop_id        text        NOT NULL,
        vintage            integer     NOT NULL,
        factor_set_version text        NOT NULL,
        avoided_g          bigint      NOT NULL,
        emissions          jsonb       NOT NULL,
        evidence           jsonb       NOT NULL,
        fingerprint        text        NOT NULL,
        reverses_change_id text,
        content_hash       text        NOT NULL,
        project_id         text,
        batch_id           text        REFERENCES issuance.batches (id),
        unplaced_reason    text,
        received_at        timestamptz NOT NULL DEFAULT now(),
        placed_at          timestamptz,
        CHECK ((kind = 'reversal') = (reverses_change_id IS NOT NULL)),
        CHECK (CASE kind WHEN 'credit' THEN avoided_g >= 0 ELSE avoided_g <= 0 END),
        CHECK ((batch_id IS NULL) = (unplaced_reason IS NOT NULL)),
        CHECK ((batch_id IS NULL) = (placed_at IS NULL)),
        CHECK ((batch_id IS NULL) = (project_id IS NULL))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX credit_lines_reversed_once
        ON issuance.credit_lines (reverses_change_id) WHERE reverses_change_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE INDEX credit_lines_by_batch
        ON issuance.credit_lines (batch_id, change_id) INCLUDE (avoided_g) WHERE batch_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE INDEX credit_lines_unplaced
        ON issuance.credit_lines (received_at, change_id) WHERE batch_id IS NULL`);
    await queryRunner.query(`
      CREATE FUNCTION issuance.guard_credit_line() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target issuance.batches%ROWTYPE;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.batch_id IS NOT NULL THEN
          RAISE EXCEPTION 'BATCH.LINE_IMMUTABLE: line % is in batch % and never changes', OLD.change_id, OLD.batch_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        IF NEW.batch_id IS NOT NULL THEN
          -- Waits for a close in flight (it holds the row FOR UPDATE) and then sees its outcome.
          SELECT * INTO target FROM issuance.batches WHERE id = NEW.batch_id FOR KEY SHARE;
          IF target.state IS DISTINCT FROM 'open' THEN
            RAISE EXCEPTION 'BATCH.CLOSED: batch % is %, it takes no new line', NEW.batch_id, target.state
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          IF (NEW.project_id, NEW.vintage, NEW.factor_set_version)
             IS DISTINCT FROM (target.project_id, target.vintage, target.factor_set_version) THEN
            RAISE EXCEPTION 'BATCH.KEY_MISMATCH: line % does not belong to batch %', NEW.change_id, NEW.batch_id
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER credit_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON issuance.credit_lines
      FOR EACH ROW EXECUTE FUNCTION issuance.guard_credit_line()`);
    await queryRunner.query(`
      CREATE TABLE issuance.api_keys (
        key_id      text        PRIMARY KEY,
        role        text        NOT NULL CHECK (role IN ('finance', 'verifier', 'admin')),
        secret_hash text        NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        label       text        NOT NULL DEFAULT '',
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE issuance.api_keys`);
    await queryRunner.query(`DROP TABLE issuance.credit_lines`);
    await queryRunner.query(`DROP FUNCTION issuance.guard_credit_line()`);
    await queryRunner.query(`DROP TABLE issuance.batches`);
    await queryRunner.query(`DROP FUNCTION issuance.guard_batch()`);
    await queryRunner.query(`DROP SEQUENCE issuance.batch_number`);
    await queryRunner.query(`DROP TABLE issuance.workshops`);
    await queryRunner.query(`DROP TABLE issuance.projects`);
  }
}
