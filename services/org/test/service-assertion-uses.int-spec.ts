import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AssertionUse } from '@app/platform';
import { openMigratedDatabase } from '../../../test/support/schema-check';
import { entities, migrations } from '../src/database/schema';
import { ServiceAssertionUsesStore } from '../src/service-principals/service-assertion-uses.store';

/**
 * The record of used assertions in org's Postgres, as every replica of org shares it: a
 * jti is first used once however many replicas see it at the same moment, the principal's
 * last use is written at most once a minute, and expired records go.
 */
describe('org: used service assertions', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let store: ServiceAssertionUsesStore;
  let principalId: string;

  beforeAll(async () => {
    ({ dataSource, drop } = await openMigratedDatabase('assertionuses', {
      entities,
      migrations,
      poolSize: 8,
    }));
    store = new ServiceAssertionUsesStore(dataSource);
    principalId = randomUUID();
    await dataSource.query(
      `INSERT INTO service_principals (id, organization_id, name, scopes, public_key, created_by)
       VALUES ($1, $2, 'HR feed', '["groups:read"]', $3, $4)`,
      [principalId, randomUUID(), 'A'.repeat(43), randomUUID()],
    );
  });

  afterAll(() => drop?.());

  function use(fields: Partial<AssertionUse> = {}): AssertionUse {
    return {
      principalId,
      jti: randomUUID(),
      keepUntil: new Date(Date.now() + 150_000),
      messageDigest: 'a'.repeat(64),
      redelivered: false,
      ...fields,
    };
  }

  async function lastUsedAt(): Promise<Date | null> {
    const [row] = await dataSource.query<{ last_used_at: Date | null }[]>(
      'SELECT last_used_at FROM service_principals WHERE id = $1',
      [principalId],
    );
    return row.last_used_at;
  }

  it('accepts a jti once when eight replicas present it at the same moment', async () => {
    const jti = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => store.firstUse(use({ jti }))),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('lets only the redelivery of the same message present a used jti again', async () => {
    const first = use();
    expect(await store.firstUse(first)).toBe(true);
    expect(await store.firstUse(first)).toBe(false);
    expect(
      await store.firstUse({ ...first, redelivered: true, messageDigest: 'b'.repeat(64) }),
    ).toBe(false);
    expect(await store.firstUse({ ...first, redelivered: true })).toBe(true);
    // Another principal's jti of the same value is its own.
    expect(await store.firstUse({ ...first, principalId: randomUUID() })).toBe(true);
  });

  it("writes the principal's last use on a first use, at most once a minute", async () => {
    await dataSource.query('UPDATE service_principals SET last_used_at = NULL WHERE id = $1', [
      principalId,
    ]);
    await store.firstUse(use());
    const first = await lastUsedAt();
    expect(first).toBeInstanceOf(Date);
    await store.firstUse(use());
    expect(await lastUsedAt()).toEqual(first);

    await dataSource.query(
      `UPDATE service_principals SET last_used_at = now() - interval '2 minutes' WHERE id = $1`,
      [principalId],
    );
    await store.firstUse(use());
    expect((await lastUsedAt())!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('forgets the uses whose assertions have expired, and only those', async () => {
    const expired = use({ keepUntil: new Date(Date.now() - 1000) });
    const live = use();
    await store.firstUse(expired);
    await store.firstUse(live);
    expect(await store.expire()).toBeGreaterThanOrEqual(1);
    const left = await dataSource.query<{ jti: string }[]>(
      'SELECT jti FROM service_assertion_uses WHERE jti = ANY($1)',
      [[expired.jti, live.jti]],
    );
    expect(left.map((row) => row.jti)).toEqual([live.jti]);
  });
});
