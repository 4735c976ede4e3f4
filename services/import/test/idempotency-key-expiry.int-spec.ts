import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openMigratedDatabase } from '../../../test/support/schema-check';
import { ImportSettings } from '../src/config/env';
import { entities, migrations } from '../src/database/schema';
import { ImportIdempotencyKeyExpiry } from '../src/imports/import-idempotency-key-expiry';

/**
 * The platform's IdempotencyKeyExpiry as import runs it: an import's Idempotency-Key is
 * freed once past IDEMPOTENCY_KEY_RETENTION_SECONDS, the import itself stays.
 */
describe('import: idempotency key expiry', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, drop } = await openMigratedDatabase('importkeyexpiry', {
      entities,
      migrations,
    }));
  });

  afterAll(() => drop?.());

  async function importWithKey(key: string, ageSeconds: number): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO imports (id, organization_id, created_by, created_by_role, status, dry_run,
                            file_name, format, headers, file_sha256, idempotency_key, total,
                            created_at)
       VALUES ($1, $2, $3, 'master_admin', 'completed', false, 'a.csv', 'csv', '[]', $4, $5, 0,
               now() - make_interval(secs => $6))`,
      [id, randomUUID(), randomUUID(), 'a'.repeat(64), key, ageSeconds],
    );
    return id;
  }

  async function keyOf(id: string): Promise<string | null> {
    const [row] = await dataSource.query('SELECT idempotency_key FROM imports WHERE id = $1', [id]);
    return row.idempotency_key;
  }

  it('frees the keys of imports past the retention, and only those', async () => {
    const settings = Object.assign(new ImportSettings(), { IDEMPOTENCY_KEY_RETENTION_SECONDS: 60 });
    const expiry = new ImportIdempotencyKeyExpiry(dataSource, settings);
    const old = await importWithKey('client:old', 61);
    const fresh = await importWithKey('client:fresh', 30);

    expect(await expiry.expire()).toBe(1);
    expect(await keyOf(old)).toBeNull();
    expect(await keyOf(fresh)).toBe('client:fresh');
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM imports');
    expect(count).toBe(2);
    expect(await expiry.expire()).toBe(0);
  });
});
