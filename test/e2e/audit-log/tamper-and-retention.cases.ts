import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PG_ADMIN_URL } from '../../support/infra';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';
import { waitFor } from '../../support/wait-for';
import { auditVerify, publishEvent } from './audit-log-helpers';
import { queryDatabase } from '../../support/databases';

describe('tamper evidence and retention', () => {
  const session = sharedSession<StackSession>();
  const DAY = 86_400_000;

  async function entriesOf(organizationId: string): Promise<{ id: string; sequence: string }[]> {
    return queryDatabase(
      session.stack.env.databases.audit,
      'SELECT id, sequence FROM audit_entries WHERE organization_id = $1 ORDER BY sequence',
      [organizationId],
    );
  }

  function publishFor(organizationId: string, count: number, time?: (i: number) => string): void {
    for (let i = 0; i < count; i++) {
      publishEvent(session.broker, session.stack, {
        organizationId,
        time: time?.(i),
        principal: `accounts/${randomUUID()}`,
        data: {
          target: { type: 'technician', id: randomUUID(), name: `Tech ${i}` },
          groupPaths: [],
          changes: [{ field: 'enabled', before: true, after: false }],
        },
      });
    }
  }

  it('verifies an untouched chain, and names the first entry a database superuser changed', async () => {
    const organizationId = randomUUID();
    publishFor(organizationId, 5);
    const entries = await waitFor(
      async () =>
        (await entriesOf(organizationId)).length === 5 ? entriesOf(organizationId) : undefined,
      { timeoutMs: 20_000, what: 'five entries' },
    );
    expect(auditVerify(session.stack, organizationId)).toEqual({
      code: 0,
      output: 'ok 5 entries\n',
    });

    // The service's own connections may not change an entry: the trigger refuses.
    await expect(
      queryDatabase(
        session.stack.env.databases.audit,
        `UPDATE audit_entries SET target_name = 'x' WHERE id = $1`,
        [entries[2].id],
      ),
    ).rejects.toThrow(/append-only/);

    const client = new Client({
      connectionString: `${PG_ADMIN_URL}/${session.stack.env.databases.audit}`,
    });
    await client.connect();
    try {
      // Past the trigger, as a superuser can.
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE audit_entries SET target_name = 'Someone Else' WHERE id = $1`, [
        entries[2].id,
      ]);
    } finally {
      await client.end();
    }
    const verdict = auditVerify(session.stack, organizationId);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain(`sequence 3 (entry ${entries[2].id})`);
  });

  it('names the entry after one that was deleted', async () => {
    const organizationId = randomUUID();
    publishFor(organizationId, 4);
    const entries = await waitFor(
      async () =>
        (await entriesOf(organizationId)).length === 4 ? entriesOf(organizationId) : undefined,
      { timeoutMs: 20_000, what: 'four entries' },
    );
    const client = new Client({
      connectionString: `${PG_ADMIN_URL}/${session.stack.env.databases.audit}`,
    });
    await client.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(`DELETE FROM audit_entries WHERE id = $1`, [entries[1].id]);
    } finally {
      await client.end();
    }
    const verdict = auditVerify(session.stack, organizationId);
    expect(verdict.code).toBe(1);
    expect(verdict.output).toContain(`sequence 3 (entry ${entries[2].id})`);
  });

  it('removes expired entries from the oldest up, and the chain still verifies', async () => {
    const organizationId = randomUUID();
    // Older than the default 400 days, then recent ones.
    publishFor(organizationId, 3, (i) => new Date(Date.now() - (500 - i) * DAY).toISOString());
    publishFor(organizationId, 2);
    const kept = await waitFor(
      async () => {
        const rows = await entriesOf(organizationId);
        return rows.length === 2 && rows[0].sequence === '4' ? rows : undefined;
      },
      { timeoutMs: 30_000, what: 'the three expired entries to be removed' },
    );
    expect(kept.map((row) => row.sequence)).toEqual(['4', '5']);
    const [head] = await queryDatabase(
      session.stack.env.databases.audit,
      'SELECT pruned_sequence FROM audit_chain_heads WHERE organization_id = $1',
      [organizationId],
    );
    expect(head.pruned_sequence).toBe('3');
    expect(auditVerify(session.stack, organizationId)).toEqual({
      code: 0,
      output: 'ok 2 entries\n',
    });
  });
});
