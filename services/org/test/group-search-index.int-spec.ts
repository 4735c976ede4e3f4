import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openMigratedDatabase } from '../../../test/support/schema-check';
import { entities, migrations } from '../src/database/schema';

/**
 * Group search finds rare matches in groups_name_trgm. A GIN index with fast update keeps new
 * entries in a pending list that every search reads in full until a vacuum: searches slowed
 * four to fifty times after a large addition (docs/BENCHMARKS.md, "Group search at 10,000
 * groups"). Checked on the real Postgres: after a thousand groups added at once, nothing is
 * pending.
 */
describe('org: the group name index', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, drop } = await openMigratedDatabase('groupnameindex', {
      entities,
      migrations,
      poolSize: 2,
    }));
    // The index's own statistics (pgstattuple is one of Postgres's contrib extensions).
    await dataSource.query(`CREATE EXTENSION IF NOT EXISTS pgstattuple`);
  });

  afterAll(() => drop?.());

  it('is updated by each insert: no entry waits in a pending list after many at once', async () => {
    const organizationId = randomUUID();
    await dataSource.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Index test')`, [
      organizationId,
    ]);
    await dataSource.query(
      `INSERT INTO groups (id, organization_id, name, path)
       SELECT id, $1, 'Team ' || n, '/' || id || '/'
         FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 1000) n) seeded`,
      [organizationId],
    );
    const [options] = await dataSource.query<{ reloptions: string[] | null }[]>(
      `SELECT reloptions FROM pg_class WHERE relname = 'groups_name_trgm'`,
    );
    expect(options.reloptions).toContain('fastupdate=off');
    const [stats] = await dataSource.query<{ pending_pages: number; pending_tuples: string }[]>(
      `SELECT pending_pages, pending_tuples FROM pgstatginindex('groups_name_trgm')`,
    );
    expect(stats).toEqual({ pending_pages: 0, pending_tuples: '0' });
  });
});
