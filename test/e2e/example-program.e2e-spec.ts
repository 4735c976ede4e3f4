import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { BrokerUsers } from '../support/broker-users';
import { Stack } from '../support/stack';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/create-technician/create-technician.mjs');

/**
 * examples/create-technician: a plain amqplib program written from the AsyncAPI document,
 * importing nothing from this repository, run against the real stack as another team would.
 */
describe('The example program of another team', () => {
  let stack: Stack;
  let users: BrokerUsers;

  beforeAll(async () => {
    stack = await Stack.start('example');
    await stack.adminToken(); // healthy, and the administrator exists
    users = new BrokerUsers(stack.env.prefix);
  });

  afterAll(async () => {
    users?.removeAll();
    await stack?.stop();
  });

  // As the broker user docker-compose gives other teams (rac-client): the test that its
  // permissions are enough for everything a client does, and no more is needed.
  it('creates a technician with a sealed password, gets an error code, and hears the event', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [EXAMPLE], {
      cwd: path.dirname(EXAMPLE),
      env: {
        PATH: process.env.PATH,
        RABBITMQ_URL: users.like('rac-client'),
        QUEUE_PREFIX: stack.env.prefix,
        ASYNCAPI_URL: `http://127.0.0.1:${stack.env.port}/docs/asyncapi.json`,
        ADMIN_EMAIL: stack.adminEmail,
        ADMIN_PASSWORD: stack.adminPassword,
      },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^technician created: .*"email":"example-/m);
    expect(stdout).toMatch(/^same key, other email: IDEMPOTENCY_KEY_REUSED/m);
    expect(stdout).toMatch(
      /^event: .*"type":"org.technician.created.v1".*"principal":"accounts\//m,
    );
    expect(stdout).toMatch(/^done: /m);
  });

  it('imports nothing from this repository', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(EXAMPLE, 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports.sort()).toEqual(['@hpke/core', 'amqplib', 'node:crypto'].sort());
  });
});
