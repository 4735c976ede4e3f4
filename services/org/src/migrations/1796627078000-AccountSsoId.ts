import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The Single Sign-On ID moves from technicians to accounts, so that one SSO ID names one
 * account of either role in an organization (issue 22). Generated, then reordered by hand:
 * the column is added and the technicians' IDs copied before the index and before the old
 * column goes. `down` copies technicians' IDs back; administrators' have nowhere to go.
 */
export class AccountSsoId1796627078000 implements MigrationInterface {
    name = 'AccountSsoId1796627078000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "accounts"
            ADD "sso_id" character varying(128)
        `);
        await queryRunner.query(`
            UPDATE "accounts" AS "a"
            SET "sso_id" = "t"."sso_id"
            FROM "technicians" AS "t"
            WHERE "t"."account_id" = "a"."id" AND "t"."sso_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "accounts_sso_id_uq" ON "accounts" ("organization_id", "sso_id")
            WHERE "sso_id" IS NOT NULL
        `);
        await queryRunner.query(`
            DROP INDEX "public"."technicians_sso_id_uq"
        `);
        await queryRunner.query(`
            ALTER TABLE "technicians" DROP COLUMN "sso_id"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "technicians"
            ADD "sso_id" character varying(128)
        `);
        await queryRunner.query(`
            UPDATE "technicians" AS "t"
            SET "sso_id" = "a"."sso_id"
            FROM "accounts" AS "a"
            WHERE "a"."id" = "t"."account_id" AND "a"."sso_id" IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "technicians_sso_id_uq" ON "technicians" ("organization_id", "sso_id")
            WHERE "sso_id" IS NOT NULL
        `);
        await queryRunner.query(`
            DROP INDEX "public"."accounts_sso_id_uq"
        `);
        await queryRunner.query(`
            ALTER TABLE "accounts" DROP COLUMN "sso_id"
        `);
    }

}
