import { createKafkaTablesStatements, dropKafkaTablesStatements } from '@refurb/kafka';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIssuanceSchema1764086400000 implements MigrationInterface {
  name = 'CreateIssuanceSchema1764086400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA issuance`);
    for (const statement of createKafkaTablesStatements('issuance')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of dropKafkaTablesStatements('issuance')) await queryRunner.query(statement);
    await queryRunner.query(`DROP SCHEMA issuance`);
  }
}
