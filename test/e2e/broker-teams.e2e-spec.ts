import { randomUUID } from 'node:crypto';
import amqp, { Channel, ConfirmChannel } from 'amqplib';
import {
  commandQueueName,
  deadLetterQueueName,
  eventsExchangeName,
  LANES,
  OrgPatterns,
  ServiceNames,
} from '@app/contracts';
import { brokerUser, DEAD_LETTER_MAX_LENGTH, deadLetterQueueOptions } from '@app/platform';
import { packet, Reply, TestBroker } from '../support/broker';
import { BrokerTeams, Team } from '../support/broker-teams';
import {
  createGroup,
  createTechnician,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { RABBITMQ_URL } from '../support/infra';
import { createOrganization } from '../support/organizations';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

/**
 * Other teams on the broker, each as the user `npm run broker:client` made for it: RabbitMQ
 * itself keeps each team to its own organizations' events and its own queues, and what a
 * team can reach of ours (the dead-letter queues) is bounded and carries no credentials.
 */
describe('Broker teams: what RabbitMQ itself keeps each team to', () => {
  let stack: Stack;
  let teams: BrokerTeams;
  let broker: TestBroker;
  const org = { a: { id: '', token: '' }, b: { id: '', token: '' } };
  let alpha: Team;
  let beta: Team;

  beforeAll(async () => {
    stack = await Stack.start('brokerteams');
    broker = await TestBroker.connect();
    teams = new BrokerTeams(stack.env);
    org.a.token = await stack.adminToken();
    org.a.id = (await stack.api.get('/api/v1/me', org.a.token)).body.organizationId;
    const adminB = { email: uniqueEmail('master-b'), password: 'Second-Org-Pass-42' };
    org.b.id = (
      await createOrganization(stack, 'Org B', adminB.email, adminB.password)
    ).organizationId;
    org.b.token = await signInChangingPassword(stack.api, adminB.email, adminB.password);
    alpha = await teams.make('alpha', [org.a.id]);
    beta = await teams.make('beta', [org.b.id]);
  });

  afterAll(async () => {
    try {
      await teams?.removeAll();
    } finally {
      await broker?.close();
      await stack?.stop();
    }
  });

  const events = () => eventsExchangeName(stack.env.prefix);
  const queueOf = (team: string, name: string) => `${stack.env.prefix}.client.${team}.${name}`;

  /** What the broker says to `work` on a fresh channel of `team`: undefined when it took it. */
  async function refusal(
    team: Team,
    work: (channel: ConfirmChannel) => unknown,
  ): Promise<string | undefined> {
    const connection = await amqp.connect(team.url);
    connection.on('error', () => undefined);
    try {
      const channel = await connection.createConfirmChannel();
      const closed = new Promise<Error>((resolve) => channel.on('error', resolve));
      const done = Promise.resolve(work(channel)).then(() => channel.waitForConfirms());
      return await Promise.race([done.then(() => undefined), closed]).then(
        (err) => err && String(err),
        (err: unknown) => String(err),
      );
    } finally {
      await connection.close().catch(() => undefined);
    }
  }

  interface Listener {
    channel: Channel;
    queue: string;
    close(): Promise<void>;
  }

  /** A queue of the team's own (`name` is the team's), bound to `bindingKey`. */
  async function listen(team: Team, name: string, bindingKey: string): Promise<Listener> {
    const connection = await amqp.connect(team.url);
    const channel = await connection.createChannel();
    const queue = queueOf(name, `events-${randomUUID()}`);
    await channel.assertQueue(queue, { exclusive: true });
    await channel.bindQueue(queue, events(), bindingKey);
    return { channel, queue, close: () => connection.close() };
  }

  /** The subjects of the events waiting on a listener's queue, each checked to come from us. */
  async function subjects({ channel, queue }: Listener): Promise<string[]> {
    const seen: string[] = [];
    for (let m = await channel.get(queue); m; m = await channel.get(queue)) {
      expect(m.properties.userId).toBe(brokerUser(RABBITMQ_URL)); // published by our service
      seen.push(String(m.properties.headers?.['cloudEvents:subject']));
    }
    return seen;
  }

  it("hears only its organizations' events, and may not bind to anyone else's", async () => {
    const heardByAlpha = await listen(alpha, 'alpha', `${org.a.id}.#`);
    const heardByBeta = await listen(beta, 'beta', `${org.b.id}.org.technician.#`);
    for (const key of ['#', `${org.b.id}.#`, '*.org.technician.created.v1', org.a.id]) {
      const refused = await refusal(alpha, async (channel) => {
        await channel.assertQueue(queueOf('alpha', 'wide'), { exclusive: true });
        await channel.bindQueue(queueOf('alpha', 'wide'), events(), key);
      });
      expect({ key, refused }).toEqual({ key, refused: expect.stringMatching(/ACCESS_REFUSED/) });
    }

    const inA = await createTechnician(
      stack.api,
      org.a.token,
      (await createGroup(stack.api, org.a.token)).id,
    );
    const inB = await createTechnician(
      stack.api,
      org.b.token,
      (await createGroup(stack.api, org.b.token)).id,
    );
    const heard = { alpha: [] as string[], beta: [] as string[] };
    await waitFor(
      async () => {
        heard.alpha.push(...(await subjects(heardByAlpha)));
        heard.beta.push(...(await subjects(heardByBeta)));
        return (
          heard.alpha.includes(`technicians/${inA.id}`) &&
          heard.beta.includes(`technicians/${inB.id}`)
        );
      },
      { what: "each team's technician.created event" },
    );
    // Both events were routed when published: nothing of the other organization came, or will.
    expect(heard.alpha).not.toContain(`technicians/${inB.id}`);
    expect(heard.beta).not.toContain(`technicians/${inA.id}`);
    await heardByAlpha.close();
    await heardByBeta.close();
  });

  it("keeps a team out of another team's queues, out of the events exchange and out of our name", async () => {
    const inbox = queueOf('beta', 'inbox');
    expect(
      await refusal(beta, (channel) => channel.assertQueue(inbox, { durable: false })),
    ).toBeUndefined();
    const attempts: Record<string, (channel: ConfirmChannel) => unknown> = {
      "read another team's queue": (channel) => channel.consume(inbox, () => undefined),
      "declare in another team's namespace": (channel) =>
        channel.assertQueue(queueOf('beta', 'mine')),
      'declare a server-named queue': (channel) => channel.assertQueue('', { exclusive: true }),
      'publish an event': (channel) =>
        channel.publish(events(), `${org.a.id}.org.technician.created.v1`, Buffer.from('{}')),
      'declare the events exchange': (channel) =>
        channel.assertExchange(events(), 'topic', { durable: true }),
    };
    for (const [what, work] of Object.entries(attempts)) {
      expect({ what, refused: await refusal(alpha, work) }).toEqual({
        what,
        refused: expect.stringMatching(/ACCESS_REFUSED/),
      });
    }
    const posing = await refusal(alpha, (channel) =>
      channel.sendToQueue(commandQueueName(stack.env.prefix, 'org'), Buffer.from('{}'), {
        userId: brokerUser(RABBITMQ_URL),
      }),
    );
    expect(posing).toMatch(/PRECONDITION_FAILED/);
    const listener = await teams.make('gamma', [org.a.id], { listenOnly: true });
    const command = await refusal(listener, (channel) =>
      channel.sendToQueue(commandQueueName(stack.env.prefix, 'org'), Buffer.from('{}')),
    );
    expect(command).toMatch(/ACCESS_REFUSED/);
    await broker.channel.deleteQueue(inbox);
  });

  it('dead-letters a message without its authorization header', async () => {
    const team = await TestBroker.connect(alpha.url);
    const orgQueue = commandQueueName(stack.env.prefix, 'org');
    const reply = (await team.publish(
      orgQueue,
      packet(OrgPatterns.technicianCreate, { name: 'No email, no group' }),
      { reply: true, headers: { authorization: `Bearer ${org.a.token}` } },
    )) as Reply;
    await team.close();
    expect(reply.err).toMatchObject({ code: 'MESSAGE_INVALID' });

    const dead = await broker.nextMessage(deadLetterQueueName(orgQueue));
    expect(dead.properties.headers).not.toHaveProperty('authorization');
    expect(dead.properties.headers).toMatchObject({
      'rac-dead-letter-reason': 'invalid-payload',
      'rac-dead-letter-queue': orgQueue,
      'rac-sender': alpha.user,
    });
    expect(JSON.parse(dead.content.toString())).toMatchObject({
      pattern: OrgPatterns.technicianCreate,
    });
  });

  it(`bounds every dead-letter queue: about ${DEAD_LETTER_MAX_LENGTH} messages, then a flood is refused`, async () => {
    const target = deadLetterQueueName(commandQueueName(stack.env.prefix, 'identity', 'bulk'));
    const connection = await amqp.connect(alpha.url);
    const channel = await connection.createConfirmChannel();
    // RabbitMQ checks a quorum queue's bound between publishes, not within one burst: publish
    // in bursts of 500 until the broker refuses (nack), and never far past the bound.
    const BURST = 500;
    let sent = 0;
    let refused = 0;
    while (refused === 0 && sent <= DEAD_LETTER_MAX_LENGTH + 2 * BURST) {
      for (let i = 0; i < BURST; i++, sent++) {
        channel.publish('', target, Buffer.from('{}'), {}, (err) => (refused += err ? 1 : 0));
      }
      await channel.waitForConfirms().catch(() => undefined);
    }
    await connection.close();
    expect(refused).toBeGreaterThan(0);
    const held = await broker.messageCount(target);
    expect(held).toBeGreaterThanOrEqual(DEAD_LETTER_MAX_LENGTH);
    expect(held).toBeLessThan(DEAD_LETTER_MAX_LENGTH + BURST);
    await broker.channel.purgeQueue(target);

    // Every other dead-letter queue was declared with the same bound (else PRECONDITION_FAILED).
    for (const service of ServiceNames) {
      for (const lane of LANES) {
        const queue = deadLetterQueueName(commandQueueName(stack.env.prefix, service, lane));
        const check = await TestBroker.connect();
        await expect(
          check.channel.assertQueue(queue, deadLetterQueueOptions()),
        ).resolves.toBeTruthy();
        await check.close();
      }
    }
  });
});
