import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts remember when their sessions were last ended (a password change or reset), so
 * that older tokens are refused. Idempotency keys outlive what they created: no foreign key
 * to the account (its deletion took the key's answer with it), expired by a job instead;
 * the first command's sealed password is kept to compare a repeat's; a key may be fenced
 * (settled by its caller without a command); keys of 255 characters (`client:` + 200).
 * The key column is widened in place (generated code dropped and re-added it).
 */
export class SessionsAndLastingIdempotencyKeys1796042150329 implements MigrationInterface {
  name = 'SessionsAndLastingIdempotencyKeys1796042150329';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_2fce765c0a9afca71085de67556"`,
    );
    await queryRunner.query(
      `ALTER TABLE "accounts" ADD "sessions_valid_after" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "sealed_password" text`);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD "fenced" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ALTER COLUMN "key" TYPE character varying(255)`,
    );
    await queryRunner.query(
      `CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" ("created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idempotency_keys_account_idx" ON "idempotency_keys" ("account_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_account_idx"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_created_idx"`);
    await queryRunner.query(`DELETE FROM "idempotency_keys" WHERE length("key") > 200`);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ALTER COLUMN "key" TYPE character varying(200)`,
    );
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "fenced"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "sealed_password"`);
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "sessions_valid_after"`);
    await queryRunner.query(
      `DELETE FROM "idempotency_keys" k WHERE k.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "accounts" a WHERE a.id = k.account_id)`,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "FK_2fce765c0a9afca71085de67556" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
  }
}
