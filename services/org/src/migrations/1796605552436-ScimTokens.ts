import { MigrationInterface, QueryRunner } from "typeorm";

export class ScimTokens1796605552436 implements MigrationInterface {
    name = 'ScimTokens1796605552436'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "scim_tokens" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "name" character varying(128) NOT NULL,
                "group_id" uuid NOT NULL,
                "token_sha256" character(64) NOT NULL,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_by" uuid,
                CONSTRAINT "PK_5e368798dfa88b0d9fb185e8901" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "scim_tokens_sha256_uq" ON "scim_tokens" ("token_sha256")
        `);
        await queryRunner.query(`
            CREATE INDEX "scim_tokens_organization_idx" ON "scim_tokens" ("organization_id", "created_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."scim_tokens_organization_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."scim_tokens_sha256_uq"
        `);
        await queryRunner.query(`
            DROP TABLE "scim_tokens"
        `);
    }

}
