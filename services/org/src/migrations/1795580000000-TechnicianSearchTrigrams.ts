import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Technician search matches anywhere in the name or email (LIKE '%term%'), which a b-tree
 * cannot serve: without these, a search with few matches reads every account of the
 * organization. pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may
 * create it. Written by hand: TypeORM does not generate GIN trigram indexes.
 */
export class TechnicianSearchTrigrams1795580000000 implements MigrationInterface {
  name = 'TechnicianSearchTrigrams1795580000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "accounts_sort_name_trgm" ON "accounts" USING gin ("sort_name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "accounts_email_trgm" ON "accounts" USING gin ("email_normalized" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "accounts_email_trgm"`);
    await queryRunner.query(`DROP INDEX "accounts_sort_name_trgm"`);
  }
}
