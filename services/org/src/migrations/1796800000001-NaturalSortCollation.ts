import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Names sort naturally ("Bulk 2" before "Bulk 10"): an ICU collation with numeric ordering
 * (kn) on the columns lists are ordered and paged by, so ORDER BY, the keyset comparison and
 * the indexes on them (rebuilt here) all use it. It stays deterministic: equality and LIKE
 * are unchanged. After GroupSearch: its groups_listing_idx (on name) and groups_name_trgm (on
 * lower(name)) are rebuilt by Postgres with the new collation by the ALTER below.
 */
export class NaturalSortCollation1796800000001 implements MigrationInterface {
    name = 'NaturalSortCollation1796800000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE COLLATION IF NOT EXISTS "natural_sort" (provider = icu, locale = 'und-u-kn-true')
        `);
        await queryRunner.query(`
            ALTER TABLE "accounts" ALTER COLUMN "sort_name" TYPE text COLLATE "natural_sort"
        `);
        await queryRunner.query(`
            ALTER TABLE "groups" ALTER COLUMN "name" TYPE character varying(128) COLLATE "natural_sort"
        `);
        await queryRunner.query(`
            CREATE INDEX "groups_children_idx" ON "groups" ("organization_id", "parent_id", "name", "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "groups_children_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "groups" ALTER COLUMN "name" TYPE character varying(128) COLLATE "default"
        `);
        await queryRunner.query(`
            ALTER TABLE "accounts" ALTER COLUMN "sort_name" TYPE text COLLATE "default"
        `);
    }

}
