import { MigrationInterface, QueryRunner } from "typeorm";

export class ImportPriorityBase1796100000000 implements MigrationInterface {
    name = 'ImportPriorityBase1796100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "imports"
            ADD "priority_base" integer NOT NULL DEFAULT '0'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "imports" DROP COLUMN "priority_base"
        `);
    }

}
