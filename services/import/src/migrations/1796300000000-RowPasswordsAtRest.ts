import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import row keeps its password encrypted to the import service's own key, sealed to
 * identity's key only when it is sent. Rows stored before keep their box sealed to
 * identity's key (`sealed_password`) and are sent as they are until they end.
 */
export class RowPasswordsAtRest1796300000000 implements MigrationInterface {
  name = 'RowPasswordsAtRest1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_rows" ADD "encrypted_password" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_rows" DROP COLUMN "encrypted_password"`);
  }
}
