import { MigrationInterface, QueryRunner } from 'typeorm';

/** The secret of password digests (one row, made by the first start). */
export class PasswordDigestSecret1796300000000 implements MigrationInterface {
  name = 'PasswordDigestSecret1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "password_digest_secret" (
        "id" smallint NOT NULL,
        "secret" bytea NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_password_digest_secret" PRIMARY KEY ("id")
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "password_digest_secret"`);
  }
}
