import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openMigratedDatabase } from '../../../test/support/schema-check';
import { AuditRecorder, ChainEvent } from '../src/chain/audit-recorder';
import { verifyChain } from '../src/chain/chain-verification';
import { AuditServiceSettings } from '../src/config/env';
import { entities, migrations } from '../src/database/schema';
import { AuditRetention } from '../src/retention/audit-retention.service';

const DAY = 86_400_000;

/** The chain on a real Postgres: appends under concurrency, redeliveries, the trigger, retention. */
describe('audit: the chain on Postgres', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let recorder: AuditRecorder;

  beforeAll(async () => {
    ({ dataSource, drop } = await openMigratedDatabase('audit', {
      entities,
      migrations,
      poolSize: 12,
    }));
    recorder = new AuditRecorder(dataSource);
  });
  afterAll(() => drop());

  const verify = (organizationId: string) =>
    verifyChain((sql, params) => dataSource.query(sql, params), organizationId);

  function event(organizationId: string, fields: Partial<ChainEvent> = {}): ChainEvent {
    return {
      id: randomUUID(),
      source: '/rescue-admin-center/org',
      type: 'org.technician.updated.v1',
      time: new Date().toISOString(),
      organizationId,
      principal: `accounts/${randomUUID()}`,
      channel: 'rest',
      origin: '203.0.113.9',
      target: { type: 'technician', id: randomUUID(), name: 'Ann' },
      groupPaths: ['/a/b/'],
      changes: [{ field: 'enabled', before: true, after: false }],
      ...fields,
    };
  }

  it('appends events delivered at once one after the other, with contiguous sequences, and the chain verifies', async () => {
    const organizationId = randomUUID();
    await Promise.all(Array.from({ length: 20 }, () => recorder.record(event(organizationId))));
    const rows = await dataSource.query<{ sequence: string }[]>(
      'SELECT sequence FROM audit_entries WHERE organization_id = $1 ORDER BY sequence',
      [organizationId],
    );
    expect(rows.map((row) => Number(row.sequence))).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    await expect(verify(organizationId)).resolves.toEqual({ ok: true, entries: 20 });
  });

  it('records an event delivered five times at once exactly once', async () => {
    const organizationId = randomUUID();
    const once = event(organizationId);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => recorder.record(once)));
    expect(outcomes.sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'recorded',
    ]);
    await expect(verify(organizationId)).resolves.toEqual({ ok: true, entries: 1 });
  });

  it('refuses to change or delete an entry outside the retention pass', async () => {
    const organizationId = randomUUID();
    await recorder.record(event(organizationId));
    await expect(
      dataSource.query(`UPDATE audit_entries SET origin = 'x' WHERE organization_id = $1`, [
        organizationId,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      dataSource.query(`DELETE FROM audit_entries WHERE organization_id = $1`, [organizationId]),
    ).rejects.toThrow(/append-only/);
  });

  it('removes expired entries from the oldest up only, and the chain verifies from what it kept', async () => {
    const organizationId = randomUUID();
    const old = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    for (const time of [old(500), old(450), old(10), old(420), old(1)])
      await recorder.record(event(organizationId, { time }));
    const retention = new AuditRetention(dataSource, new AuditServiceSettings());
    await retention.pass();
    const kept = await dataSource.query<{ sequence: string }[]>(
      'SELECT sequence FROM audit_entries WHERE organization_id = $1 ORDER BY sequence',
      [organizationId],
    );
    // The fourth expired too, but follows one that has not: never a hole in the chain.
    expect(kept.map((row) => Number(row.sequence))).toEqual([3, 4, 5]);
    await expect(verify(organizationId)).resolves.toEqual({ ok: true, entries: 3 });
    await dataSource.query(
      `INSERT INTO audit_settings (organization_id, retention_days) VALUES ($1, 5)`,
      [organizationId],
    );
    await retention.pass();
    await expect(verify(organizationId)).resolves.toEqual({ ok: true, entries: 1 });
  });
});
