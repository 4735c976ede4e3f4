import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { commandQueueName, deadLetterQueueName, OrgPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { packet, TestBroker } from '../support/broker';
import { queryDatabase } from '../support/databases';
import { recordChaosFigures } from '../support/figures';
import { createGroup, uniqueEmail } from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport } from '../support/imports';
import { PrivateRedis } from '../support/private-redis';
import { StackService } from '../support/service-process';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { expectImportInvariants, StartedImport } from '../support/chaos-import';

const ROWS = Number(process.env.CHAOS_ROWS ?? 300);
const PAUSE_MS = 3000;

/**
 * Faults injected one at a time in the middle of an import of a few hundred rows, each
 * followed by the invariant checker: every row has exactly one final outcome, the summary's
 * counts equal what the databases hold, no technician exists twice, every technician signs
 * in with its password, and no credential exists without its technician.
 */
describe('Chaos: an import survives every fault', () => {
  let stack: Stack;
  let redis: PrivateRedis;
  let broker: TestBroker;
  let token: string;
  const figures: Record<string, unknown>[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    stack = await Stack.start('chaos', { REDIS_URL: redis.url, RPC_TIMEOUT_MS: '3000' });
    broker = await TestBroker.connect();
    token = await stack.adminToken();
  });

  afterAll(async () => {
    recordChaosFigures(figures);
    await broker?.close().catch(() => undefined);
    await stack?.stop();
    await redis?.stop();
  });

  /** Uploads ROWS valid rows and waits until some are done: the fault lands mid-import. */
  async function startImport(label: string): Promise<StartedImport> {
    const groupId = (await createGroup(stack.api, token, { name: `Chaos ${label}` })).id;
    const emails = Array.from({ length: ROWS }, () => uniqueEmail(label));
    const passwords = emails.map(() => `Chaos-${randomUUID().slice(0, 8)}-7q`);
    // technicianRow names each row after its email: every name differs.
    const csv = csvImportFile(
      emails.map((email, i) => technicianRow(groupId, { email, password: passwords[i] })),
    );
    const startedAt = Date.now();
    const upload = await uploadImport(stack, token, csv);
    expect(upload.status).toBe(202);
    await waitFor(
      async () => (await importView(upload.body.id)).processed >= Math.min(20, ROWS / 10),
      {
        timeoutMs: 60_000,
        what: 'the import to be under way',
      },
    );
    return { importId: upload.body.id, groupId, emails, passwords, startedAt };
  }

  /**
   * The last `limit` rows not yet applied, with what the worker would send for them. A row's
   * password waits encrypted to import's own key (never readable here): it is the file's, so
   * it is sealed to identity's key again, as the worker seals it when it sends the row.
   */
  async function unappliedRows(started: StartedImport, limit: number): Promise<any[]> {
    const rows = await queryDatabase<any>(
      stack.env.databases.import,
      `SELECT r.row, r.technician, i.created_by, i.organization_id, i.created_by_role
         FROM import_rows r JOIN imports i ON i.id = r.import_id
        WHERE r.import_id = $1 AND r.status IN ('pending', 'processing')
          AND r.encrypted_password IS NOT NULL
        ORDER BY r.row DESC LIMIT $2`,
      [started.importId, limit],
    );
    const key = await broker.sealingKey(stack.env.prefix);
    for (const row of rows) row.sealed_password = await seal(started.passwords[row.row - 1], key);
    return rows;
  }

  async function importView(importId: string): Promise<any> {
    return (await stack.api.get(`/api/v1/imports/${importId}`, token)).body;
  }

  /** The invariant checker (support/chaos-import.ts), its figures kept for the report. */
  function expectInvariants(scenario: string, started: StartedImport, faults: number) {
    return expectImportInvariants(stack, token, figures, { scenario, started, faults });
  }

  async function killAndRestart(name: StackService): Promise<void> {
    await stack.services[name].kill();
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    await stack.services[name].start();
  }

  it.each<StackService>(['org', 'identity', 'import'])(
    'SIGKILL of %s, started again after a few seconds',
    async (name) => {
      const started = await startImport(`kill${name}`);
      await killAndRestart(name);
      await expectInvariants(`SIGKILL ${name}`, started, 1);
    },
  );

  it('SIGKILL of audit during an import, started again: every change in the log once', async () => {
    const started = await startImport('killaudit');
    await killAndRestart('audit');
    await expectInvariants('SIGKILL audit', started, 1);
    const technicians = await queryDatabase<{ id: string }>(
      stack.env.databases.org,
      'SELECT account_id AS id FROM technicians WHERE group_id = $1',
      [started.groupId],
    );
    expect(technicians).toHaveLength(ROWS);
    // The events published while audit was down waited in its durable queue.
    const created = await waitFor(
      async () => {
        const rows = await queryDatabase<{ target_id: string; entries: string }>(
          stack.env.databases.audit,
          `SELECT target_id, count(*) AS entries FROM audit_entries
            WHERE type = 'org.technician.created.v1' AND target_id = ANY($1)
            GROUP BY target_id`,
          [technicians.map((technician) => technician.id)],
        );
        return rows.length === ROWS ? rows : undefined;
      },
      { timeoutMs: 60_000, what: 'an entry for every technician the import created' },
    );
    expect(created.filter((row) => row.entries !== '1')).toEqual([]);
    const completed = await queryDatabase<{ entries: string }>(
      stack.env.databases.audit,
      `SELECT count(*) AS entries FROM audit_entries
        WHERE type = 'import.completed.v1' AND target_id = $1`,
      [started.importId],
    );
    expect(completed).toEqual([{ entries: '1' }]);
  });

  it('a RabbitMQ restart (stop_app, then start_app)', async () => {
    const started = await startImport('rabbit');
    execFileSync('rabbitmqctl', ['stop_app'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    execFileSync('rabbitmqctl', ['start_app'], { stdio: 'ignore' });
    // The test's own connection went down with the broker too.
    await broker.close().catch(() => undefined);
    broker = await TestBroker.connect();
    await stack.waitHealthy(120_000);
    await expectInvariants('RabbitMQ restart', started, 1);
  });

  it('loss of Redis data (its redis-server killed and started empty)', async () => {
    const started = await startImport('redisloss');
    await redis.loseEverything();
    await expectInvariants('Redis data lost', started, 1);
  });

  it('the same create message delivered five times', async () => {
    const started = await startImport('fivetimes');
    // Rows not yet applied, exactly as the worker would send them, five times each.
    const pending = await unappliedRows(started, 20);
    expect(pending.length).toBeGreaterThan(0);
    const queue = commandQueueName(stack.env.prefix, 'org', 'bulk');
    for (const row of pending) {
      const command = {
        actor: {
          accountId: row.created_by,
          organizationId: row.organization_id,
          role: row.created_by_role,
        },
        ...row.technician,
        sealedPassword: row.sealed_password,
        idempotencyKey: `${started.importId}:${row.row}`,
        dryRun: false,
      };
      for (let copy = 0; copy < 5; copy++)
        await broker.publish(queue, packet(OrgPatterns.technicianCreate, command));
    }
    await expectInvariants('create delivered five times', started, pending.length * 5);
  });

  it('the same batch delivered five times, as the import sends it', async () => {
    const started = await startImport('batchfive');
    const pending = await unappliedRows(started, 40);
    expect(pending.length).toBeGreaterThan(0);
    const command = {
      actor: {
        accountId: pending[0].created_by,
        organizationId: pending[0].organization_id,
        role: pending[0].created_by_role,
      },
      items: pending.map((row) => ({
        ...row.technician,
        sealedPassword: row.sealed_password,
        idempotencyKey: `${started.importId}:${row.row}`,
      })),
      dryRun: false,
    };
    const queue = commandQueueName(stack.env.prefix, 'org', 'bulk');
    for (let copy = 0; copy < 5; copy++)
      await broker.publish(queue, packet(OrgPatterns.technicianCreateBatch, command));
    await expectInvariants('batch delivered five times', started, 5);
  });

  it('a poison message on every queue of org', async () => {
    const started = await startImport('poison');
    const poisons = [
      Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      packet(OrgPatterns.technicianCreate, { actor: 'nobody', email: 42 }),
      packet('org.nothing.v1', {}),
    ];
    for (const lane of ['interactive', 'bulk'] as const) {
      for (const poison of poisons)
        await broker.publish(commandQueueName(stack.env.prefix, 'org', lane), poison);
    }
    await expectInvariants('poison messages', started, poisons.length * 2);
    for (const lane of ['interactive', 'bulk'] as const) {
      const dead = deadLetterQueueName(commandQueueName(stack.env.prefix, 'org', lane));
      await waitFor(async () => (await broker.messageCount(dead)) >= poisons.length, {
        what: `${dead} to hold the poison`,
      });
    }
    expect(stack.services.org.running).toBe(true);
  });

  it('SIGTERM of every service during an import, then a restart', async () => {
    const started = await startImport('sigterm');
    const names: StackService[] = ['gateway', 'import', 'org', 'identity'];
    const stoppedAt = Date.now();
    const exits = await Promise.all(names.map((name) => stack.services[name].stop('SIGTERM')));
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(exits.every((exit) => exit.code === 0)).toBe(true);
    await Promise.all(names.map((name) => stack.services[name].start()));
    await stack.waitHealthy();
    await expectInvariants('SIGTERM and restart', started, 4);
  });
});
