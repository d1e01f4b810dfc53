import { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxFailedTableStatements, dropOutboxFailedTableStatements } from '../kafka-tables';

/**
 * The migration that gives a service's schema its `outbox_failed` table, landed in every service with an
 * outbox under the same name and timestamp (docs/decisions.md, decision 30).
 */
export function parkUnproducibleOutboxRowsMigration(schema: string): new () => MigrationInterface {
  return class ParkUnproducibleOutboxRows1764345600000 implements MigrationInterface {
    name = 'ParkUnproducibleOutboxRows1764345600000';

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of createOutboxFailedTableStatements(schema)) await queryRunner.query(statement);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const statement of dropOutboxFailedTableStatements(schema)) await queryRunner.query(statement);
    }
  };
}
