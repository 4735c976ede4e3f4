import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795568623263 implements MigrationInterface {
    name = 'Initial1795568623263'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "organizations" (
                "id" uuid NOT NULL,
                "name" character varying(128) NOT NULL,
                "created_by_bootstrap" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "accounts" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "role" character varying(16) NOT NULL,
                "name" character varying(128) NOT NULL,
                "sort_name" character varying(128) NOT NULL,
                "email" character varying(254) NOT NULL,
                "email_normalized" character varying(254) NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "state" character varying(16) NOT NULL,
                "provisioning_deadline" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "accounts_organization_idx" ON "accounts" ("organization_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "accounts_listing_idx" ON "accounts" ("organization_id", "role", "sort_name", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "accounts_provisioning_idx" ON "accounts" ("provisioning_deadline")
            WHERE "state" <> 'active'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "accounts_email_uq" ON "accounts" ("email_normalized")
        `);
        await queryRunner.query(`
            CREATE TABLE "groups" (
                "id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "parent_id" uuid,
                "path" text COLLATE "C" NOT NULL,
                "name" character varying(128) NOT NULL,
                "description" character varying(1024) NOT NULL DEFAULT '',
                "permissions" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_659d1483316afb28afd3a90646e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "groups_parent_idx" ON "groups" ("parent_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "groups_path_idx" ON "groups" ("organization_id", "path")
        `);
        await queryRunner.query(`
            CREATE TABLE "administrator_groups" (
                "account_id" uuid NOT NULL,
                "group_id" uuid NOT NULL,
                CONSTRAINT "PK_476793a7207711f8c7cefb92a62" PRIMARY KEY ("account_id", "group_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "administrator_groups_group_idx" ON "administrator_groups" ("group_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "organization_id" uuid NOT NULL,
                "key" character varying(200) NOT NULL,
                "fingerprint" character(64) NOT NULL,
                "account_id" uuid,
                "outcome" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fa1b697098c138245abc15cad73" PRIMARY KEY ("organization_id", "key")
            )
        `);
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
            CREATE TABLE "technicians" (
                "account_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "group_id" uuid NOT NULL,
                "nickname" character varying(128) NOT NULL,
                "sso_id" character varying(128),
                "description" character varying(1024) NOT NULL DEFAULT '',
                "standard_license" boolean NOT NULL,
                "mobile_license" boolean NOT NULL,
                CONSTRAINT "PK_ad6adfcd3e7d943e25761fba722" PRIMARY KEY ("account_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "technicians_group_idx" ON "technicians" ("group_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "technicians_sso_id_uq" ON "technicians" ("organization_id", "sso_id")
            WHERE "sso_id" IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "accounts"
            ADD CONSTRAINT "FK_238d61e0f8ac37278f726efac20" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "groups"
            ADD CONSTRAINT "FK_f7f1b335edff519132aa2163fef" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "groups"
            ADD CONSTRAINT "FK_d768ea35a407c2ba9c0b038b613" FOREIGN KEY ("parent_id") REFERENCES "groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "administrator_groups"
            ADD CONSTRAINT "FK_ef6862ba43bc0da820e6c00a826" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "administrator_groups"
            ADD CONSTRAINT "FK_415d4206c2487a3e1f3e9dcb60d" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_keys"
            ADD CONSTRAINT "FK_2fce765c0a9afca71085de67556" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED
        `);
        await queryRunner.query(`
            ALTER TABLE "technicians"
            ADD CONSTRAINT "FK_ad6adfcd3e7d943e25761fba722" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "technicians"
            ADD CONSTRAINT "FK_b00e8c1473b91414ab289093aec" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "technicians" DROP CONSTRAINT "FK_b00e8c1473b91414ab289093aec"
        `);
        await queryRunner.query(`
            ALTER TABLE "technicians" DROP CONSTRAINT "FK_ad6adfcd3e7d943e25761fba722"
        `);
        await queryRunner.query(`
            ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_2fce765c0a9afca71085de67556"
        `);
        await queryRunner.query(`
            ALTER TABLE "administrator_groups" DROP CONSTRAINT "FK_415d4206c2487a3e1f3e9dcb60d"
        `);
        await queryRunner.query(`
            ALTER TABLE "administrator_groups" DROP CONSTRAINT "FK_ef6862ba43bc0da820e6c00a826"
        `);
        await queryRunner.query(`
            ALTER TABLE "groups" DROP CONSTRAINT "FK_d768ea35a407c2ba9c0b038b613"
        `);
        await queryRunner.query(`
            ALTER TABLE "groups" DROP CONSTRAINT "FK_f7f1b335edff519132aa2163fef"
        `);
        await queryRunner.query(`
            ALTER TABLE "accounts" DROP CONSTRAINT "FK_238d61e0f8ac37278f726efac20"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."technicians_sso_id_uq"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."technicians_group_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "technicians"
        `);
        await queryRunner.query(`
            DROP TABLE "outbox_events"
        `);
        await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."administrator_groups_group_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "administrator_groups"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."groups_path_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."groups_parent_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "groups"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_email_uq"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_provisioning_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_listing_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_organization_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "accounts"
        `);
        await queryRunner.query(`
            DROP TABLE "organizations"
        `);
    }

}
