import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795567906235 implements MigrationInterface {
    name = 'Initial1795567906235'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Failed sign-in counters, kept by rate-limiter-flexible (not a TypeORM entity).
        await queryRunner.query(`
            CREATE TABLE "sign_in_failures" (
                "key" character varying(255) NOT NULL PRIMARY KEY,
                "points" integer NOT NULL DEFAULT 0,
                "expire" bigint
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "credentials" (
                "account_id" uuid NOT NULL,
                "organization_id" uuid,
                "password_hash" text,
                "must_change_password" boolean NOT NULL DEFAULT false,
                "password_changed_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ff3346f6dd2705e17d65e5cf78c" PRIMARY KEY ("account_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "password_policies" (
                "organization_id" uuid NOT NULL,
                "minimum_strength" character varying(16) NOT NULL,
                "min_length" smallint NOT NULL,
                "reject_common_passwords" boolean NOT NULL,
                "force_change_on_admin_set" boolean NOT NULL,
                "max_age_days" smallint NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_678368492ed31270ec6e986f602" PRIMARY KEY ("organization_id")
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
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "sign_in_failures"`);
        await queryRunner.query(`
            DROP TABLE "sealing_keys"
        `);
        await queryRunner.query(`
            DROP TABLE "password_policies"
        `);
        await queryRunner.query(`
            DROP TABLE "credentials"
        `);
    }

}
