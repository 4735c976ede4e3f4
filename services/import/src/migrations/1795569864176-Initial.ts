import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795569864176 implements MigrationInterface {
    name = 'Initial1795569864176'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "outbox_events" (
                "id" BIGSERIAL NOT NULL,
                "pattern" character varying(100) NOT NULL,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "sealing_keys" (
                "key_id" character varying(16) NOT NULL,
                "public_key" text NOT NULL,
                "private_key" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_00cf54b0ab6895284e8fb07ac6d" PRIMARY KEY ("key_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "imports" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "created_by" uuid NOT NULL,
                "created_by_role" character varying(16) NOT NULL,
                "status" character varying(16) NOT NULL,
                "dry_run" boolean NOT NULL,
                "group_id" uuid,
                "file_name" character varying(255) NOT NULL,
                "format" character varying(8) NOT NULL,
                "delimiter" character varying(1),
                "headers" jsonb NOT NULL,
                "file_sha256" character(64) NOT NULL,
                "idempotency_key" character varying(200),
                "total" integer NOT NULL,
                "processed" integer NOT NULL DEFAULT '0',
                "succeeded" integer NOT NULL DEFAULT '0',
                "failed" integer NOT NULL DEFAULT '0',
                "cancel_requested" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "imports_unfinished_idx" ON "imports" ("status")
            WHERE "status" IN ('queued', 'running')
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "imports_idempotency_uq" ON "imports" ("organization_id", "idempotency_key")
            WHERE "idempotency_key" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "imports_listing_idx" ON "imports" ("organization_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "import_rows" (
                "import_id" uuid NOT NULL,
                "row" integer NOT NULL,
                "line" integer,
                "status" character varying(16) NOT NULL,
                "cells" jsonb NOT NULL,
                "technician" jsonb,
                "sealed_password" text,
                "technician_id" uuid,
                "errors" jsonb NOT NULL DEFAULT '[]',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_dd8a1f8f02efacd44fd2fff78d1" PRIMARY KEY ("import_id", "row")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "import_rows_status_idx" ON "import_rows" ("import_id", "status", "row")
        `);
        await queryRunner.query(`
            ALTER TABLE "import_rows"
            ADD CONSTRAINT "FK_c175270322bf4c2e99418c2aa9f" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "import_rows" DROP CONSTRAINT "FK_c175270322bf4c2e99418c2aa9f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."import_rows_status_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "import_rows"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."imports_listing_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."imports_idempotency_uq"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."imports_unfinished_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "imports"
        `);
        await queryRunner.query(`
            DROP TABLE "sealing_keys"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
    }

}
