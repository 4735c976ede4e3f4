import { MigrationInterface, QueryRunner } from "typeorm";

export class SealingKeyRetirement1796200000000 implements MigrationInterface {
    name = 'SealingKeyRetirement1796200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sealing_keys"
            ADD "retired_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sealing_keys" DROP COLUMN "retired_at"
        `);
    }

}
