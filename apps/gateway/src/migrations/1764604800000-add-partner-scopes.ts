import { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPE_COLUMNS = ['allowed_workshop_ids', 'allowed_site_ids', 'allowed_resale_channels'] as const;

/**
 * The workshops, collection sites and resale channels each partner may name (docs/decisions.md, partner
 * scopes). Partners registered before could name anything: they get `{*}`, so an upgrade refuses nothing
 * it accepted the day before. The default is dropped afterwards, so every partner written from now on
 * states its scopes. `*` stands alone: a list naming it beside other values would read as narrower than it is.
 */
export class AddPartnerScopes1764604800000 implements MigrationInterface {
  name = 'AddPartnerScopes1764604800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of SCOPE_COLUMNS) {
      await queryRunner.query(
        `ALTER TABLE gateway.partners
           ADD COLUMN ${column} text[] NOT NULL DEFAULT '{*}'
             CONSTRAINT partners_${column}_star_alone
             CHECK (NOT ('*' = ANY (${column})) OR cardinality(${column}) = 1)`,
      );
      await queryRunner.query(`ALTER TABLE gateway.partners ALTER COLUMN ${column} DROP DEFAULT`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of SCOPE_COLUMNS) {
      await queryRunner.query(`ALTER TABLE gateway.partners DROP COLUMN ${column}`);
    }
  }
}
