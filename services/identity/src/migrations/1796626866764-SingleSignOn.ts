import { MigrationInterface, QueryRunner } from "typeorm";

export class SingleSignOn1796626866764 implements MigrationInterface {
    name = 'SingleSignOn1796626866764'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "sso_settings" (
                "organization_id" uuid NOT NULL,
                "mode" character varying(16) NOT NULL,
                "protocol" character varying(8),
                "oidc_issuer" character varying(2048),
                "oidc_client_id" character varying(256),
                "oidc_client_secret" text,
                "oidc_scopes" text array NOT NULL DEFAULT '{}',
                "oidc_sso_id_claim" character varying(128),
                "saml_metadata_xml" text,
                "saml_metadata_url" character varying(2048),
                "saml_metadata_read_at" TIMESTAMP WITH TIME ZONE,
                "saml_sso_id_attribute" character varying(128),
                "break_glass_account_ids" uuid array NOT NULL DEFAULT '{}',
                "protocol_version" integer NOT NULL DEFAULT '0',
                "tested_version" integer,
                "test_succeeded_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2da1d6adf800509ac95bd7d305e" PRIMARY KEY ("organization_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "sso_seen_assertions" (
                "organization_id" uuid NOT NULL,
                "assertion_id" character varying(256) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_6be2596882212722ce38c0c7235" PRIMARY KEY ("organization_id", "assertion_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "sso_flows" (
                "id" uuid NOT NULL,
                "state_hash" character(64) NOT NULL,
                "organization_id" uuid NOT NULL,
                "purpose" character varying(8) NOT NULL,
                "protocol" character varying(8) NOT NULL,
                "account_id" uuid,
                "protocol_version" integer NOT NULL,
                "public_url" character varying(2048) NOT NULL,
                "pending" jsonb,
                "browser_binding" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "handoff_hash" character(64),
                "outcome" jsonb,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5a401561ce7a2468892eb13fabc" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "sso_flows_state_uq" ON "sso_flows" ("state_hash")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "sso_flows_handoff_uq" ON "sso_flows" ("handoff_hash")
            WHERE handoff_hash IS NOT NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."sso_flows_handoff_uq"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."sso_flows_state_uq"
        `);
        await queryRunner.query(`
            DROP TABLE "sso_flows"
        `);
        await queryRunner.query(`
            DROP TABLE "sso_seen_assertions"
        `);
        await queryRunner.query(`
            DROP TABLE "sso_settings"
        `);
    }

}
