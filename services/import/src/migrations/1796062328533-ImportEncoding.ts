import { MigrationInterface, QueryRunner } from "typeorm";

export class ImportEncoding1796062328533 implements MigrationInterface {
    name = 'ImportEncoding1796062328533'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "imports"
            ADD "encoding" character varying(16) NOT NULL DEFAULT 'utf-8'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "imports" DROP COLUMN "encoding"
        `);
    }

}
