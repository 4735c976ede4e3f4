import { MigrationInterface, QueryRunner } from "typeorm";

export class ServicePrincipalsVisibleAndUnreplayable1796584178467 implements MigrationInterface {
    name = 'ServicePrincipalsVisibleAndUnreplayable1796584178467'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."service_principals_organization_idx"
        `);
        await queryRunner.query(`
            CREATE TABLE "service_assertion_uses" (
                "principal_id" uuid NOT NULL,
                "jti" character varying(128) NOT NULL,
                "message_digest" character(64) NOT NULL,
                "keep_until" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_4fc599b7daf868ee3d29ac53de5" PRIMARY KEY ("principal_id", "jti")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "service_assertion_uses_keep_until_idx" ON "service_assertion_uses" ("keep_until")
        `);
        await queryRunner.query(`
            ALTER TABLE "service_principals"
            ADD "last_used_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "service_principals"
            ADD "disabled_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "service_principals"
            ADD "disabled_by" uuid
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "service_principals_public_key_uq" ON "service_principals" ("organization_id", "public_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "service_principals_organization_idx" ON "service_principals" ("organization_id", "created_at", "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."service_principals_organization_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."service_principals_public_key_uq"
        `);
        await queryRunner.query(`
            ALTER TABLE "service_principals" DROP COLUMN "disabled_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "service_principals" DROP COLUMN "disabled_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "service_principals" DROP COLUMN "last_used_at"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."service_assertion_uses_keep_until_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "service_assertion_uses"
        `);
        await queryRunner.query(`
            CREATE INDEX "service_principals_organization_idx" ON "service_principals" ("organization_id")
        `);
    }

}
