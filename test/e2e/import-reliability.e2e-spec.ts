import amqp from 'amqplib';
import Redis from 'ioredis';
import { createGroup, uniqueEmail } from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { RABBITMQ_URL, REDIS_URL } from '../support/infra';
import { checkAccountInvariants } from '../support/invariants';
import { queryDatabase } from '../support/databases';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { firehoseOff, firehoseOn } from '../support/firehose';

/**
 * Imports at size and under faults: 500 rows with progress, org killed mid-import, Redis
 * losing its data, and no plaintext password anywhere an import passes.
 */
describe('Importing technicians reliably', () => {
  let stack: Stack;
  let token: string;
  let groupId: string;

  beforeAll(async () => {
    stack = await Stack.start('importrel', { RPC_TIMEOUT_MS: '3000' });
    token = await stack.adminToken();
    groupId = (await createGroup(stack.api, token)).id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Rows with unique emails and passwords made of a marker, to be searched for later. */
  function rows(
    count: number,
    label: string,
  ): { emails: string[]; passwords: string[]; csv: string } {
    const emails = Array.from({ length: count }, () => uniqueEmail(label));
    const passwords = emails.map(
      (_, i) => `Pw-${label}-${i}-Zq7#${Math.random().toString(36).slice(2, 8)}`,
    );
    const csv = csvImportFile(
      emails.map((email, i) => technicianRow(groupId, { email, password: passwords[i] })),
    );
    return { emails, passwords, csv };
  }

  async function technicianCounts(emails: string[]): Promise<Map<string, number>> {
    const found = await queryDatabase<{ email_normalized: string; count: string }>(
      stack.env.databases.org,
      `SELECT email_normalized, count(*) AS count FROM accounts WHERE email_normalized = ANY($1) AND state = 'active' GROUP BY 1`,
      [emails.map((e) => e.toLowerCase())],
    );
    return new Map(found.map((row) => [row.email_normalized, Number(row.count)]));
  }

  async function expectEveryRowOnce(importId: string, emails: string[]): Promise<void> {
    const view = await waitForImport(stack, token, importId, 240_000);
    expect(view).toMatchObject({
      status: 'completed',
      total: emails.length,
      processed: emails.length,
      succeeded: emails.length,
      failed: 0,
    });
    const counts = await technicianCounts(emails);
    expect(counts.size).toBe(emails.length);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    const states = await queryDatabase<{ status: string; count: string }>(
      stack.env.databases.import,
      'SELECT status, count(*) AS count FROM import_rows WHERE import_id = $1 GROUP BY 1',
      [importId],
    );
    expect(states).toEqual([{ status: 'succeeded', count: String(emails.length) }]);
    const report = await checkAccountInvariants(stack.env);
    expect(report.orphanCredentials).toEqual([]);
    expect(report.accountsWithoutCredential).toEqual([]);
    expect(report.duplicateEmails).toEqual([]);
  }

  it('imports 500 rows, all created, with progress visible while it runs', async () => {
    const { emails, csv } = rows(500, 'big');
    const upload = await uploadImport(stack, token, csv);
    expect(upload.status).toBe(202);
    expect(upload.headers.get('location')).toBe(`/api/v1/imports/${upload.body.id}`);

    const progress = new Set<number>();
    await waitFor(
      async () => {
        const { body } = await stack.api.get(`/api/v1/imports/${upload.body.id}`, token);
        progress.add(body.processed);
        return body.finishedAt ? body : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 200, what: 'the 500-row import to finish' },
    );
    // Seen part-way: neither nothing nor everything.
    expect([...progress].some((processed) => processed > 0 && processed < 500)).toBe(true);
    await expectEveryRowOnce(upload.body.id, emails);
  });

  it('completes with each row once when org is killed in the middle and started again', async () => {
    const { emails, csv } = rows(200, 'orgkill');
    const upload = await uploadImport(stack, token, csv);
    expect(upload.status).toBe(202);
    await waitFor(
      async () =>
        (await stack.api.get(`/api/v1/imports/${upload.body.id}`, token)).body.processed >= 20,
      {
        timeoutMs: 60_000,
        what: 'the import to be under way',
      },
    );

    await stack.services.org.kill();
    // Read from the import database: reading an import asks org's scope policy.
    const [during] = await queryDatabase<{ processed: number }>(
      stack.env.databases.import,
      'SELECT processed FROM imports WHERE id = $1',
      [upload.body.id],
    );
    expect(during.processed).toBeLessThan(200);
    await stack.services.org.start();

    await expectEveryRowOnce(upload.body.id, emails);
  });

  it('queues unfinished rows again from Postgres when Redis loses its data', async () => {
    const { emails, csv } = rows(120, 'redisloss');
    const upload = await uploadImport(stack, token, csv);
    expect(upload.status).toBe(202);
    await waitFor(
      async () =>
        (await stack.api.get(`/api/v1/imports/${upload.body.id}`, token)).body.processed >= 10,
      {
        timeoutMs: 60_000,
        what: 'the import to be under way',
      },
    );

    // The import service dies and Redis forgets everything of this stack (its prefix only).
    await stack.services.import.kill();
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${stack.env.prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      expect(await redis.keys(`${stack.env.prefix}:bull:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
    await stack.services.import.start();

    await expectEveryRowOnce(upload.body.id, emails);
  });

  it('finishes an import whose last row ended just before its process died', async () => {
    const { emails, csv } = rows(5, 'lastrow');
    const upload = await uploadImport(stack, token, csv);
    await expectEveryRowOnce(upload.body.id, emails);

    // The state such a death leaves: every row counted, the import not finished.
    await stack.services.import.kill();
    await queryDatabase(
      stack.env.databases.import,
      `UPDATE imports SET status = 'running', finished_at = NULL WHERE id = $1`,
      [upload.body.id],
    );
    await stack.services.import.start();

    const view = await waitForImport(stack, token, upload.body.id, 60_000);
    expect(view).toMatchObject({ status: 'completed', processed: 5, succeeded: 5, failed: 0 });
    expect(view.finishedAt).toEqual(expect.any(String));
  });

  it('keeps every password out of Redis, RabbitMQ messages, the import database and the logs', async () => {
    const { emails, passwords, csv } = rows(60, 'secret');
    // Every message through the broker, copied by the firehose while this import runs.
    const connection = await amqp.connect(RABBITMQ_URL);
    const channel = await connection.createChannel();
    const { queue: firehose } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(firehose, 'amq.rabbitmq.trace', '#');
    const seen: string[] = [];
    await channel.consume(
      firehose,
      (message) => message && seen.push(message.content.toString('utf8')),
      { noAck: true },
    );
    await firehoseOn();
    const redisValues: string[] = [];
    try {
      const upload = await uploadImport(stack, token, csv);
      expect(upload.status).toBe(202);
      // In flight: every key of this stack's prefix, whatever its type.
      await waitFor(
        async () =>
          (await stack.api.get(`/api/v1/imports/${upload.body.id}`, token)).body.processed >= 5,
        {
          what: 'the import to be under way',
        },
      );
      redisValues.push(...(await dumpRedis(stack.env.prefix)));
      await waitForImport(stack, token, upload.body.id);
      redisValues.push(...(await dumpRedis(stack.env.prefix)));
    } finally {
      await firehoseOff();
      await connection.close();
    }

    const importRows = await queryDatabase(stack.env.databases.import, 'SELECT * FROM import_rows');
    const everything = {
      redis: redisValues.join('\n'),
      rabbitmq: seen.join('\n'),
      importDatabase: JSON.stringify(importRows),
      logs: Object.values(stack.services)
        .flatMap((s) => s.lines)
        .join('\n'),
    };
    expect(redisValues.length).toBeGreaterThan(0);
    // Rows travel in batches: the creates they carry, each with its key.
    expect(
      seen
        .filter((m) => m.includes('org.technician.create'))
        .reduce((sum, m) => sum + (m.match(/"idempotencyKey"/g)?.length ?? 0), 0),
    ).toBeGreaterThanOrEqual(emails.length);
    for (const [where, text] of Object.entries(everything)) {
      const leaked = passwords.filter((password) => text.includes(password));
      expect({ where, leaked }).toEqual({ where, leaked: [] });
    }
    // The passwords did work: the technicians sign in with them.
    expect(
      (await stack.api.post('/api/v1/auth/login', { email: emails[0], password: passwords[0] }))
        .status,
    ).toBe(200);
  });
});

/** Every value of every Redis key under the prefix, as text. */
async function dumpRedis(prefix: string): Promise<string[]> {
  const redis = new Redis(REDIS_URL);
  try {
    const values: string[] = [];
    for (const key of await redis.keys(`${prefix}:*`)) {
      const type = await redis.type(key);
      if (type === 'string') values.push(key, (await redis.get(key)) ?? '');
      else if (type === 'hash') values.push(key, JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') values.push(key, JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'set') values.push(key, JSON.stringify(await redis.smembers(key)));
      else if (type === 'zset') values.push(key, JSON.stringify(await redis.zrange(key, 0, -1)));
      else if (type === 'stream')
        values.push(key, JSON.stringify(await redis.xrange(key, '-', '+')));
      else values.push(key);
    }
    return values;
  } finally {
    redis.disconnect();
  }
}
