import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGatewaySchema1764086400000 implements MigrationInterface {
  name = 'CreateGatewaySchema1764086400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA gateway`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA gateway`);
  }
}
