import { MigrationInterface, QueryRunner } from "typeorm";

export class TechnicianDirectoryProfile1796617919668 implements MigrationInterface {
    name = 'TechnicianDirectoryProfile1796617919668'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "technicians"
            ADD "external_id" character varying(255)
        `);
        await queryRunner.query(`
            ALTER TABLE "technicians"
            ADD "directory_profile" jsonb
        `);
        await queryRunner.query(`
            CREATE INDEX "technicians_external_id_idx" ON "technicians" ("organization_id", "external_id")
            WHERE "external_id" IS NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."technicians_external_id_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "technicians" DROP COLUMN "directory_profile"
        `);
        await queryRunner.query(`
            ALTER TABLE "technicians" DROP COLUMN "external_id"
        `);
    }

}
