import { randomUUID } from 'node:crypto';
import { commandQueueName, IdentityPatterns, OrgPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { packet, Reply, TestBroker } from '../support/broker';
import { BrokerTeams } from '../support/broker-teams';
import {
  createAdministrator,
  createGroup,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

const PER_USER = 25;
const PER_PRINCIPAL = 8;
const FAILURES_PER_ADDRESS = 3;

/**
 * What another team's service may cost the product over RabbitMQ: a budget of messages per
 * broker user and per principal, sign-in guesses counted against the team (it may not name
 * the client address, which is the gateway's to state), and background priority for batches
 * whatever queue they are published to.
 */
describe('Broker limits: what another team may cost over RabbitMQ', () => {
  let stack: Stack;
  let teams: BrokerTeams;
  let broker: TestBroker;
  let token: string;
  let organizationId: string;

  beforeAll(async () => {
    stack = await Stack.start('brokerlimits', {
      BROKER_RATE_LIMIT_PER_USER: String(PER_USER),
      BROKER_RATE_LIMIT_PER_PRINCIPAL: String(PER_PRINCIPAL),
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: String(FAILURES_PER_ADDRESS),
    });
    broker = await TestBroker.connect();
    teams = new BrokerTeams(stack.env);
    token = await stack.adminToken();
    organizationId = (await stack.api.get('/api/v1/me', token)).body.organizationId;
  });

  afterAll(async () => {
    try {
      await teams?.removeAll();
    } finally {
      await broker?.close();
      await stack?.stop();
    }
  });

  /** A new team's connection, made by `npm run broker:client` for the organization. */
  async function newTeam(name: string): Promise<TestBroker> {
    return TestBroker.connect((await teams.make(name, [organizationId])).url);
  }

  const identityQueue = () => commandQueueName(stack.env.prefix, 'identity');
  const ask = async (
    team: TestBroker,
    queue: string,
    pattern: string,
    data: object,
    bearer?: string,
  ) =>
    (await team.publish(queue, packet(pattern, data), {
      reply: true,
      headers: bearer ? { authorization: `Bearer ${bearer}` } : undefined,
    })) as Reply & { err?: { details?: { retryAfterSeconds?: number } } };

  it('refuses a message that does not name its broker user: UNAUTHENTICATED', async () => {
    const team = await newTeam('anonymous');
    const reply = await team.publish(identityQueue(), packet(IdentityPatterns.sealingKeyGet, {}), {
      reply: true,
      anonymous: true,
    });
    await team.close();
    expect(reply?.err).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('user_id'),
    });
  });

  it("lets only the gateway state a sign-in's client address; a team's failed guesses count against the team", async () => {
    const team = await newTeam('guesser');
    const login = async (fields: object = {}) =>
      ask(team, identityQueue(), IdentityPatterns.login, {
        email: uniqueEmail('nobody'),
        sealedPassword: await seal('Wrong-Guess-42', await broker.sealingKey(stack.env.prefix)),
        ...fields,
      });
    // Naming the gateway's address would block the people who sign in through it.
    expect((await login({ clientAddress: '127.0.0.1' })).err).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('clientAddress'),
    });
    const codes: string[] = [];
    for (let attempt = 0; attempt <= FAILURES_PER_ADDRESS; attempt++) {
      codes.push(String((await login()).err?.code));
    }
    await team.close();
    expect(codes).toEqual([
      ...Array<string>(FAILURES_PER_ADDRESS).fill('INVALID_CREDENTIALS'),
      'TOO_MANY_ATTEMPTS',
    ]);
    // People signing in at REST, from their own address, are not affected.
    const rest = await stack.api.post('/api/v1/auth/login', {
      email: stack.adminEmail,
      password: stack.adminPassword,
    });
    expect(rest.status).toBe(200);
  });

  it(`answers RATE_LIMITED past ${PER_USER} messages of one broker user in a window`, async () => {
    const team = await newTeam('chatty');
    const codes: string[] = [];
    let retryAfter: number | undefined;
    for (let i = 0; i <= PER_USER; i++) {
      const reply = await ask(team, identityQueue(), IdentityPatterns.sealingKeyGet, {});
      codes.push(reply.err?.code ?? 'answered');
      retryAfter ??= reply.err?.details?.retryAfterSeconds;
    }
    await team.close();
    expect(codes).toEqual([...Array<string>(PER_USER).fill('answered'), 'RATE_LIMITED']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it(`answers RATE_LIMITED past ${PER_PRINCIPAL} messages of one principal, whichever team sends them`, async () => {
    const admin = await createAdministrator(stack.api, token, { role: 'master_admin' });
    const session = await signInChangingPassword(stack.api, admin.email, admin.password);
    const [one, two] = [await newTeam('first'), await newTeam('second')];
    const orgQueue = commandQueueName(stack.env.prefix, 'org');
    const codes: string[] = [];
    for (let i = 0; i <= PER_PRINCIPAL; i++) {
      const reply = await ask(i % 2 ? one : two, orgQueue, OrgPatterns.groupTreeGet, {}, session);
      codes.push(reply.err?.code ?? 'answered');
    }
    await one.close();
    await two.close();
    expect(codes).toEqual([...Array<string>(PER_PRINCIPAL).fill('answered'), 'RATE_LIMITED']);
  });

  it("hashes a batch at background priority even when it is published to org's interactive queue", async () => {
    const groupId = (await createGroup(stack.api, token)).id;
    const sealedPassword = await seal(GOOD_PASSWORD, await broker.sealingKey(stack.env.prefix));
    const team = await newTeam('batcher');
    await stack.services.identity.stop();
    const items = [1, 2].map(() => ({
      groupId,
      name: 'Batch Person',
      email: uniqueEmail('batch'),
      sealedPassword,
      idempotencyKey: `batch:${randomUUID()}`,
    }));
    await team.publish(
      commandQueueName(stack.env.prefix, 'org', 'interactive'),
      packet(OrgPatterns.technicianCreateBatch, { items }),
      { headers: { authorization: `Bearer ${token}` } },
    );
    // With identity stopped, org's call for the credentials waits on identity's queue: the bulk one.
    const identity = {
      bulk: commandQueueName(stack.env.prefix, 'identity', 'bulk'),
      interactive: commandQueueName(stack.env.prefix, 'identity', 'interactive'),
    };
    await waitFor(async () => (await broker.messageCount(identity.bulk)) > 0, {
      what: "org's credential batch on identity's bulk queue",
    });
    expect(await broker.messageCount(identity.interactive)).toBe(0);
    await team.close();
    await stack.services.identity.start();
    await stack.waitHealthy();
  });
});
