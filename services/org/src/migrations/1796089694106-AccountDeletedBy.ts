import { MigrationInterface, QueryRunner } from "typeorm";

export class AccountDeletedBy1796089694106 implements MigrationInterface {
    name = 'AccountDeletedBy1796089694106'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "accounts"
            ADD "deleted_by" character varying(120)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "accounts" DROP COLUMN "deleted_by"
        `);
    }

}
