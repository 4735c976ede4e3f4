import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { CreateCredentialCommand, IdentityPatterns, Lane } from '@app/contracts';
import { PasswordSealer, RpcClient } from '@app/platform';
import { ServiceProcess } from '../../../test/support/service-process';
import { createTestEnv, TestEnv } from '../../../test/support/test-env';

/** Import rows queued in identity ahead of a person's request. */
const QUEUED_ROWS = 40;

describe('identity: a person’s hash goes ahead of queued import rows', () => {
  let env: TestEnv;
  let identity: ServiceProcess;
  let client: RpcClient;

  beforeAll(async () => {
    env = await createTestEnv('identityhash');
    identity = new ServiceProcess('identity', env.vars, env.logDir);
    // One hash at a time and every row taken at once: the rows wait in identity, not in RabbitMQ.
    await identity.start({
      IDENTITY_HASH_CONCURRENCY: '1',
      IDENTITY_BULK_PREFETCH: String(QUEUED_ROWS),
    });
    client = new RpcClient('identity', {
      url: env.vars.RABBITMQ_URL,
      prefix: env.prefix,
      timeoutMs: 30_000,
    });
  });

  afterAll(async () => {
    await client?.close();
    await identity?.stop();
    identity?.close();
    await env?.destroy();
  });

  it('the interactive create is answered before the import rows queued before it', async () => {
    const sealer = new PasswordSealer(client);
    const organizationId = randomUUID();
    const answered: string[] = [];
    const create = async (label: string, lane: Lane): Promise<void> => {
      const sealedPassword = await sealer.seal(`Pass-${randomUUID()}`);
      await client.send(
        IdentityPatterns.credentialCreate,
        {
          accountId: randomUUID(),
          organizationId,
          sealedPassword,
          setByAdministrator: true,
        } satisfies CreateCredentialCommand,
        30_000,
        lane,
      );
      answered.push(label);
    };

    const rows = Array.from({ length: QUEUED_ROWS }, (_, i) => create(`row ${i}`, 'bulk'));
    // Let identity take every row before the person's request arrives.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const answeredBefore = answered.length;
    const person = create('person', 'interactive');
    await Promise.all([...rows, person]);

    // Rows were still waiting when the person's request came...
    expect(answeredBefore).toBeLessThan(QUEUED_ROWS / 2);
    // ...and only the hashes that finished while its message travelled went before it (one
    // slot: about one per 12 ms quiet; 9 once in a loaded CI run); without the priority, every
    // waiting row would (FIFO): a third of them is far from either.
    const waiting = QUEUED_ROWS - answeredBefore;
    expect(answered.indexOf('person')).toBeLessThanOrEqual(
      answeredBefore + Math.max(5, Math.floor(waiting / 3)),
    );
  });

  it('hashes import rows on threads of the lowest CPU priority, and nothing else of identity', () => {
    // Linux: each thread's nice value is field 19 of /proc/<pid>/task/<tid>/stat.
    const tasks = `/proc/${identity.pid}/task`;
    const nice = readdirSync(tasks).map((tid) =>
      Number(readFileSync(`${tasks}/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]),
    );
    // IDENTITY_HASH_CONCURRENCY is 1: one bulk hashing thread, the rest at the normal priority.
    expect(nice.filter((value) => value === 19)).toHaveLength(1);
    expect(nice.filter((value) => value !== 19).every((value) => value === 0)).toBe(true);
  });
});
