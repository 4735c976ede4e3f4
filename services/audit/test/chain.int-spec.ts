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

  it('records a batch in its order, once each: a duplicate inside the batch and one already in the log are left out', async () => {
    const organizationId = randomUUID();
    const before = event(organizationId);
    await recorder.record(before);
    const [a, b, c] = [event(organizationId), event(organizationId), event(organizationId)];
    const outcomes = await recorder.recordAll(organizationId, [a, before, b, a, c]);
    expect(outcomes).toEqual(['recorded', 'duplicate', 'recorded', 'duplicate', 'recorded']);
    const rows = await dataSource.query<{ sequence: string; event_id: string }[]>(
      'SELECT sequence, event_id FROM audit_entries WHERE organization_id = $1 ORDER BY sequence',
      [organizationId],
    );
    expect(rows.map((row) => [Number(row.sequence), row.event_id])).toEqual([
      [1, before.id],
      [2, a.id],
      [3, b.id],
      [4, c.id],
    ]);
    await expect(verify(organizationId)).resolves.toEqual({ ok: true, entries: 4 });
  });

  it('appends batches written at once one after the other, and the chain verifies', async () => {
    const organizationId = randomUUID();
    const batches = Array.from({ length: 6 }, () =>
      Array.from({ length: 10 }, () => event(organizationId)),
    );
    // The same batch twice among them: a redelivery racing its first delivery.
    await Promise.all(
      [...batches, batches[0]].map((batch) => recorder.recordAll(organizationId, batch)),
    );
    const rows = await dataSource.query<{ sequence: string }[]>(
      'SELECT sequence FROM audit_entries WHERE organization_id = $1 ORDER BY sequence',
      [organizationId],
    );
    expect(rows.map((row) => Number(row.sequence))).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    await expect(verify(organizationId)).resolves.toEqual({ ok: true, entries: 60 });
  });

  it('records none of a batch the database refuses, and the chain head is unchanged', async () => {
    const organizationId = randomUUID();
    await recorder.record(event(organizationId));
    const refused = recorder.recordAll(organizationId, [
      event(organizationId),
      event(organizationId, { time: 'not a time' }),
    ]);
    await expect(refused).rejects.toMatchObject({ code: expect.stringMatching(/^22/) });
    await expect(verify(organizationId)).resolves.toEqual({ ok: true, entries: 1 });
    await recorder.record(event(organizationId));
    await expect(verify(organizationId)).resolves.toEqual({ ok: true, entries: 2 });
  });

  it('keeps the newest name of a principal a batch names twice', async () => {
    const organizationId = randomUUID();
    const id = randomUUID();
    const named = (name: string, time: string) =>
      event(organizationId, { time, target: { type: 'technician', id, name } });
    await recorder.recordAll(organizationId, [
      named('Newest', '2026-01-03T00:00:00.000Z'),
      named('Oldest', '2026-01-01T00:00:00.000Z'),
      named('Middle', '2026-01-02T00:00:00.000Z'),
    ]);
    const [row] = await dataSource.query<{ name: string }[]>(
      'SELECT name FROM audit_principal_names WHERE principal = $1',
      [`accounts/${id}`],
    );
    expect(row.name).toBe('Newest');
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
