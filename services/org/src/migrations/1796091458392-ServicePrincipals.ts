import { MigrationInterface, QueryRunner } from "typeorm";

export class ServicePrincipals1796091458392 implements MigrationInterface {
    name = 'ServicePrincipals1796091458392'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "service_principals" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "name" character varying(128) NOT NULL,
                "scopes" jsonb NOT NULL,
                "public_key" character varying(43) NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dc071ea90f3735d9a4f71882fe9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "service_principals_organization_idx" ON "service_principals" ("organization_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."service_principals_organization_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "service_principals"
        `);
    }

}
