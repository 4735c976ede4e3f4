import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * sort_name and email_normalized hold lower-cased text, which can be longer than what was
 * typed ('İ' lower-cases to two characters): they become text. Written by hand so that the
 * data stays (TypeORM would drop and re-add the columns); the indexes follow the type change.
 */
export class NormalizedColumnsAsText1795572222730 implements MigrationInterface {
  name = 'NormalizedColumnsAsText1795572222730';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "accounts" ALTER COLUMN "sort_name" TYPE text`);
    await queryRunner.query(`ALTER TABLE "accounts" ALTER COLUMN "email_normalized" TYPE text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "accounts" ALTER COLUMN "email_normalized" TYPE character varying(254)`);
    await queryRunner.query(`ALTER TABLE "accounts" ALTER COLUMN "sort_name" TYPE character varying(128)`);
  }
}
