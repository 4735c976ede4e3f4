import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group search (org.group.search.v1) pages groups by name, and matches anywhere in the name
 * (lower(name) LIKE lower('%q%')): the listing index walks an organization's groups in name
 * order, so a page of common matches stops early; the trigram index finds rare ones without
 * reading every group. It is on lower(name), not name: an index on an expression gets its
 * own statistics, by which the planner sees that a rare term matches few groups (on `name`
 * with ILIKE it read all 10,000 instead). Written by hand: TypeORM does not generate GIN
 * indexes.
 */
export class GroupSearch1796800000000 implements MigrationInterface {
  name = 'GroupSearch1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "groups_listing_idx" ON "groups" ("organization_id", "name", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "groups_name_trgm" ON "groups" USING gin (lower("name") gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "groups_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."groups_listing_idx"`);
  }
}
