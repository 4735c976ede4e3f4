import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys keep identity's digest of the password instead of its box. Keys kept
 * before keep their box (and their fingerprint) until they expire; they compare as before,
 * see IdempotencyService.
 */
export class IdempotencyPasswordDigest1796300000000 implements MigrationInterface {
  name = 'IdempotencyPasswordDigest1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "password_digest" text`);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD "sealed_password_sha256" character(64)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "sealed_password_sha256"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "password_digest"`);
  }
}
