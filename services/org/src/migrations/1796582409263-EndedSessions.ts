import { MigrationInterface, QueryRunner } from "typeorm";

export class EndedSessions1796582409263 implements MigrationInterface {
    name = 'EndedSessions1796582409263'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "ended_sessions" (
                "session_id" uuid NOT NULL,
                "account_id" uuid NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_939cab093d4125ab9a3b3284711" PRIMARY KEY ("session_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ended_sessions_expires_idx" ON "ended_sessions" ("expires_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."ended_sessions_expires_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "ended_sessions"
        `);
    }

}
