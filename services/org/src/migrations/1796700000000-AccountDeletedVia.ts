import { MigrationInterface, QueryRunner } from "typeorm";

export class AccountDeletedVia1796700000000 implements MigrationInterface {
    name = 'AccountDeletedVia1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "accounts"
            ADD "deleted_via" jsonb
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "accounts" DROP COLUMN "deleted_via"
        `);
    }

}
