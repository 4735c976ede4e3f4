import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group search finds rare matches in groups_name_trgm, a GIN index. By default ("fast
 * update") a GIN index keeps new entries in a pending list, which every search reads in full
 * until a VACUUM (or autovacuum's analyze) merges it. After 10,000 groups were added at once,
 * a rare term took 4–9 ms in the index, and the planner, pricing the list, read every group
 * instead (8–17 ms). Groups are added a few at a time (by administrators, by SCIM), so each
 * insert now updates the index itself, and a search costs the same right after a large
 * addition (0.05–0.4 ms). The technicians' trigram indexes keep fast update: imports add
 * hundreds of rows at once.
 */
export class GroupNameTrigramUpdatedAtOnce1796900000000 implements MigrationInterface {
  name = 'GroupNameTrigramUpdatedAtOnce1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX "groups_name_trgm" SET (fastupdate = off)`);
    // Turning fast update off leaves the entries already pending where they are.
    await queryRunner.query(`SELECT gin_clean_pending_list('groups_name_trgm'::regclass)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX "groups_name_trgm" RESET (fastupdate)`);
  }
}
