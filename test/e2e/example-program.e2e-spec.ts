import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { brokerUser } from '@app/platform';
import { BrokerTeams } from '../support/broker-teams';
import { RABBITMQ_URL } from '../support/infra';
import { Stack } from '../support/stack';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/create-technician/create-technician.mjs');

/**
 * examples/create-technician: a plain amqplib program written from the AsyncAPI document,
 * importing nothing from this repository, run against the real stack as another team would.
 */
describe('The example program of another team', () => {
  let stack: Stack;
  let teams: BrokerTeams;
  let organizationId: string;

  beforeAll(async () => {
    stack = await Stack.start('example');
    const token = await stack.adminToken(); // healthy, and the administrator exists
    organizationId = (await stack.api.get('/api/v1/me', token)).body.organizationId;
    teams = new BrokerTeams(stack.env);
  });

  afterAll(async () => {
    try {
      await teams?.removeAll();
    } finally {
      await stack?.stop();
    }
  });

  // As the team's own broker user, made by `npm run broker:client` for its organization: the
  // test that what that command grants is enough for everything a client does.
  it('creates a technician with a sealed password, gets an error code, and hears the event', async () => {
    const team = await teams.make('example', [organizationId]);
    const { stdout } = await promisify(execFile)(process.execPath, [EXAMPLE], {
      cwd: path.dirname(EXAMPLE),
      env: {
        PATH: process.env.PATH,
        RABBITMQ_URL: team.url,
        TEAM: 'example',
        // The stack's services all connect as the machine's broker user.
        PRODUCT_BROKER_USERS: brokerUser(RABBITMQ_URL),
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
