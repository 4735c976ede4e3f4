import { randomUUID } from 'node:crypto';
import { commandQueueName, eventsExchangeName, OrgPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { messagesInQueues, packet, TestBroker } from '../support/broker';
import { queryDatabase } from '../support/databases';
import {
  createAdministrator,
  createGroup,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { expectAccountsConsistent, unfinishedAccounts } from '../support/invariants';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

/**
 * A technician never exists without its credential, nor a credential without its technician;
 * the email stays unique under concurrency; a create delivered twice makes one technician.
 */
describe('Creating technicians: whole or not at all', () => {
  let stack: Stack;
  let broker: TestBroker;
  let token: string;
  let groupId: string;
  let actor: { accountId: string; organizationId: string; role: string };

  beforeAll(async () => {
    // A short RPC timeout keeps the waits of the failure cases short.
    stack = await Stack.start('consistency', { RPC_TIMEOUT_MS: '2000' });
    broker = await TestBroker.connect();
    token = await stack.adminToken();
    groupId = (await createGroup(stack.api, token, { permissions: ['Chat'] })).id;
    const me = (await stack.api.get('/api/v1/me', token)).body;
    actor = { accountId: me.id, organizationId: me.organizationId, role: me.role };
  });

  afterAll(async () => {
    await broker?.close();
    await stack?.stop();
  });

  const create = (body: Record<string, unknown>) =>
    stack.api.post(
      `/api/v1/groups/${groupId}/technicians`,
      { name: 'Tech', password: GOOD_PASSWORD, ...body },
      token,
    );

  /** POST /groups/:id/technicians with an Idempotency-Key. */
  const createWithKey = (key: string, body: object) =>
    stack.api.request('POST', `/api/v1/groups/${groupId}/technicians`, {
      body,
      token,
      headers: { 'idempotency-key': key },
    });

  const expectConsistent = () => expectAccountsConsistent(stack.env);

  /** Waits until the command queues of `services` hold no message, not even one taken. */
  async function queuesSettled(...services: ('org' | 'identity')[]): Promise<void> {
    await waitFor(
      () =>
        messagesInQueues(
          services.map((service) => commandQueueName(stack.env.prefix, service)),
        ).every((count) => count === 0),
      { timeoutMs: 60_000, intervalMs: 500, what: `${services.join(' and ')} to settle` },
    );
  }

  it('gives exactly one 201 for 20 concurrent creates of one email (the others 409 EMAIL_TAKEN)', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        create({ name: `Racer ${i}`, email: i % 2 ? email : email.toUpperCase() }),
      ),
    );

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(
      responses.filter((r) => r.status === 409).every((r) => r.body.code === 'EMAIL_TAKEN'),
    ).toBe(true);
    const rows = await queryDatabase(
      stack.env.databases.org,
      'SELECT id FROM accounts WHERE email_normalized = $1',
      [email.toLowerCase()],
    );
    expect(rows).toHaveLength(1);
    await expectConsistent();
  });

  it('leaves nothing behind when identity is down during a create, and the email stays free', async () => {
    const email = uniqueEmail('identitydown');
    await stack.services.identity.stop();
    try {
      const response = await create({ email });

      expect(response.status).toBe(503);
      expect(response.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(
        await queryDatabase(
          stack.env.databases.org,
          'SELECT id FROM accounts WHERE email_normalized = $1',
          [email],
        ),
      ).toEqual([]);
    } finally {
      await stack.services.identity.start();
    }
    // The create waited in identity's queue; the revoke queued behind it undoes it.
    await queuesSettled('identity');
    await expectConsistent();

    const again = await create({ email });
    expect(again.status).toBe(201);
    expect(
      (await stack.api.post('/api/v1/auth/login', { email, password: GOOD_PASSWORD })).status,
    ).toBe(200);
  });

  it('leaves, after a restart, a whole technician or none when org dies between its two steps', async () => {
    const email = uniqueEmail('orgkilled');
    await stack.services.identity.stop();
    const pending = create({ email });
    // Step 1 done (the account reserved), step 2 waiting on identity: now org dies.
    const [account] = await waitFor(
      async () => {
        const rows = await queryDatabase<{ id: string; state: string }>(
          stack.env.databases.org,
          'SELECT id, state FROM accounts WHERE email_normalized = $1',
          [email],
        );
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the account to be reserved' },
    );
    expect(account.state).toBe('provisioning');
    await stack.services.org.kill();
    expect((await pending).status).toBe(503);

    await stack.services.identity.start();
    await stack.services.org.start();
    // The create command org held when it died comes back, possibly after retries with
    // back-off: decide only once org and identity hold no message at all, not even one taken.
    await queuesSettled('org', 'identity');
    await expectConsistent();

    // By email, not by the reserved account's id: when the sweep undid that account before
    // the create command (unacknowledged when org died) came back, the command makes a new one.
    const after = await queryDatabase<{ id: string; state: string }>(
      stack.env.databases.org,
      'SELECT id, state FROM accounts WHERE email_normalized = $1',
      [email],
    );
    const signIn = await stack.api.post('/api/v1/auth/login', { email, password: GOOD_PASSWORD });
    if (after.length > 0) {
      // Whole: the redelivered command finished it; it signs in.
      expect(after).toEqual([{ id: expect.any(String), state: 'active' }]);
      expect(signIn.status).toBe(200);
    } else {
      // None: the sweep undid it; no credential survived and the email is free.
      expect(signIn.status).toBe(401);
      expect((await create({ email })).status).toBe(201);
    }
  });

  /** Identity's public sealing key, asked over the broker as a service would. */
  const sealingKey = () => broker.sealingKey(stack.env.prefix);

  it('makes one technician from a create message delivered twice, and answers both with it', async () => {
    const key = await sealingKey();
    const email = uniqueEmail('twice');
    const command = {
      actor,
      groupId,
      name: 'Delivered Twice',
      email,
      sealedPassword: await seal(GOOD_PASSWORD, key),
      idempotencyKey: `test:${randomUUID()}`,
    };
    const message = packet(OrgPatterns.technicianCreate, command);
    const orgQueue = commandQueueName(stack.env.prefix, 'org');

    const [first, second] = await Promise.all([
      broker.publish(orgQueue, message, { reply: true }),
      broker.publish(orgQueue, message, { reply: true }),
    ]);
    const third = await broker.publish(orgQueue, message, { reply: true });

    const ids = [first, second, third].map(
      (reply) => (reply?.response as { id?: string } | undefined)?.id,
    );
    expect(ids[0]).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(new Set(ids).size).toBe(1);
    expect(
      await queryDatabase(
        stack.env.databases.org,
        'SELECT id FROM accounts WHERE email_normalized = $1',
        [email],
      ),
    ).toHaveLength(1);
    await expectConsistent();
  });

  it('refuses the same idempotency key with other fields (IDEMPOTENCY_KEY_REUSED) and replays it with the same', async () => {
    const key = `retry-${randomUUID()}`;
    const email = uniqueEmail('idem');
    const body = { name: 'Idempotent', email, password: GOOD_PASSWORD };
    const send = (b: object) => createWithKey(key, b);

    const first = await send(body);
    const repeat = await send(body);
    const other = await send({ ...body, name: 'Someone Else' });

    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body.id).toBe(first.body.id);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses the same idempotency key with another password (IDEMPOTENCY_KEY_REUSED), and replays it with the same password sealed anew', async () => {
    const key = `password-${randomUUID()}`;
    const body = { name: 'Password Keyed', email: uniqueEmail('idempw'), password: GOOD_PASSWORD };
    const send = (b: object) => createWithKey(key, b);

    const first = await send(body);
    const otherPassword = await send({ ...body, password: `${GOOD_PASSWORD}-Other` });
    const samePassword = await send(body);

    expect(first.status).toBe(201);
    expect(otherPassword.status).toBe(422);
    expect(otherPassword.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(samePassword.status).toBe(201);
    expect(samePassword.body.id).toBe(first.body.id);
  });

  it('answers a key with its first outcome after the technician it made was deleted, and makes no second one', async () => {
    const key = `outlives-${randomUUID()}`;
    const body = { name: 'Short Lived', email: uniqueEmail('outlives'), password: GOOD_PASSWORD };
    const send = () => createWithKey(key, body);

    const first = await send();
    expect(first.status).toBe(201);
    const deleted = await stack.api.request('DELETE', `/api/v1/technicians/${first.body.id}`, {
      token,
    });
    expect(deleted.status).toBe(204);

    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(
      await queryDatabase(
        stack.env.databases.org,
        'SELECT id FROM accounts WHERE email_normalized = $1',
        [body.email],
      ),
    ).toEqual([]);
  });

  it('answers a create retried after its group was deleted with its first outcome (not GROUP_NOT_FOUND), and another administrator with the same key 422', async () => {
    const doomed = await createGroup(stack.api, token);
    const key = `group-gone-${randomUUID()}`;
    const body = { name: 'Group Gone', email: uniqueEmail('groupgone'), password: GOOD_PASSWORD };
    const send = (as: string) =>
      stack.api.request('POST', `/api/v1/groups/${doomed.id}/technicians`, {
        body,
        token: as,
        headers: { 'idempotency-key': key },
      });

    const first = await send(token);
    expect(first.status).toBe(201);
    // Another Master Administrator of the organization never reads that outcome.
    const other = await createAdministrator(stack.api, token, { role: 'master_admin' });
    const otherToken = await signInChangingPassword(stack.api, other.email, other.password);
    const theirs = await send(otherToken);
    expect(theirs.status).toBe(422);
    expect(theirs.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(theirs.text).not.toContain(first.body.id);

    const removed = await stack.api.request('DELETE', `/api/v1/technicians/${first.body.id}`, {
      token,
    });
    expect(removed.status).toBe(204);
    expect(
      (await stack.api.request('DELETE', `/api/v1/groups/${doomed.id}`, { token })).status,
    ).toBe(204);

    const retried = await send(token);
    expect({ status: retried.status, body: retried.body }).toEqual({
      status: 201,
      body: first.body,
    });
  });

  it('takes explicit defaults for the same request as left-out fields under one key, and a changed flag as another (422)', async () => {
    const key = `defaults-${randomUUID()}`;
    const body = { name: 'Defaults', email: uniqueEmail('defaults'), password: GOOD_PASSWORD };

    const first = await createWithKey(key, body);
    const explicit = await createWithKey(key, {
      ...body,
      nickname: '',
      ssoId: '',
      description: '',
      enabled: true,
      standardLicense: true,
      mobileLicense: false,
    });
    const changed = await createWithKey(key, { ...body, mobileLicense: true });

    expect(first.status).toBe(201);
    expect({ status: explicit.status, body: explicit.body }).toEqual({
      status: 201,
      body: first.body,
    });
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it.each([
    ['194', 194],
    ['200 (the longest the API takes)', 200],
  ])('accepts an Idempotency-Key of %s characters and replays it', async (_, length) => {
    const key = `k${randomUUID().replace(/-/g, '')}`.padEnd(length, 'x');
    const body = { name: 'Long Key', email: uniqueEmail('longkey'), password: GOOD_PASSWORD };
    const send = () => createWithKey(key, body);

    const first = await send();
    const repeat = await send();

    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body.id).toBe(first.body.id);
  });

  it('refuses an Idempotency-Key of 201 characters at the edge, naming the header and no internal class', async () => {
    const response = await stack.api.request('POST', `/api/v1/groups/${groupId}/technicians`, {
      body: { name: 'Too Long Key', email: uniqueEmail('toolong'), password: GOOD_PASSWORD },
      token,
      headers: { 'idempotency-key': 'k'.repeat(201) },
    });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'Idempotency-Key', code: 'INVALID' }),
    ]);
    expect(response.text).not.toMatch(/Command|Query|payload/);
    expect(await broker.messageCount(`${commandQueueName(stack.env.prefix, 'org')}.dead`)).toBe(0);
  });

  it("leaves no organization behind when the outcome of its administrator's credential is unknown (org:create with identity down)", async () => {
    const count = async () =>
      Number(
        (
          await queryDatabase<{ n: string }>(
            stack.env.databases.org,
            'SELECT count(*) AS n FROM organizations',
          )
        )[0].n,
      );
    const before = await count();
    // What `npm run org:create` sends, sealed to identity's key while identity answers.
    const key = await sealingKey();
    const command = {
      name: `Orphan ${randomUUID()}`,
      adminEmail: uniqueEmail('orphan'),
      sealedAdminPassword: await seal(GOOD_PASSWORD, key),
      idempotencyKey: `cli:${randomUUID().replace(/-/g, '')}`,
    };
    await stack.services.identity.stop();
    let reply: Awaited<ReturnType<TestBroker['publish']>>;
    try {
      reply = await broker.publish(
        commandQueueName(stack.env.prefix, 'org'),
        packet(OrgPatterns.organizationCreate, command),
        { reply: true },
      );
    } finally {
      await stack.services.identity.start();
    }
    expect(reply?.err).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await queuesSettled('identity', 'org');
    await waitFor(async () => (await unfinishedAccounts(stack.env)).length === 0, {
      timeoutMs: 30_000,
      what: 'the unfinished administrator to be undone',
    });
    expect(await count()).toBe(before);
    await expectConsistent();
  });

  it('applies an administrator PATCH with a password whole or not at all when identity does not answer', async () => {
    const admin = await createAdministrator(stack.api, token, { groupIds: [groupId] });
    const newPassword = `${GOOD_PASSWORD}-Patched8`;
    stack.services.identity.pause();
    let patched: Awaited<ReturnType<typeof stack.api.request>>;
    try {
      patched = await stack.api.request('PATCH', `/api/v1/administrators/${admin.id}`, {
        body: { name: 'Renamed While Identity Slept', password: newPassword },
        token,
      });
    } finally {
      stack.services.identity.resume();
    }
    expect(patched.status).toBe(503);
    // Whatever was queued for identity has been handled by now.
    await queuesSettled('identity', 'org');

    const [row] = await queryDatabase<{ name: string }>(
      stack.env.databases.org,
      'SELECT name FROM accounts WHERE id = $1',
      [admin.id],
    );
    const signsInWith = async (password: string) =>
      (await stack.api.post('/api/v1/auth/login', { email: admin.email, password })).status === 200;
    const renamed = row.name === 'Renamed While Identity Slept';
    expect({ renamed, newPassword: await signsInWith(newPassword) }).toEqual({
      renamed,
      newPassword: renamed,
    });
    expect(await signsInWith(admin.password)).toBe(!renamed);
  });

  it('publishes created, updated, moved and deleted events, without secrets', async () => {
    const spy = `${stack.env.prefix}.spy.${randomUUID()}`;
    await broker.channel.assertQueue(spy, { exclusive: true });
    await broker.channel.bindQueue(spy, eventsExchangeName(stack.env.prefix), '*.org.technician.#');
    const other = await createGroup(stack.api, token, { permissions: ['RemoteView'] });

    const created = (await create({ email: uniqueEmail('events') })).body;
    expect(
      (
        await stack.api.request('PATCH', `/api/v1/technicians/${created.id}`, {
          body: { nickname: 'Evented' },
          token,
        })
      ).status,
    ).toBe(200);
    expect(
      (await stack.api.post(`/api/v1/technicians/${created.id}/move`, { groupId: other.id }, token))
        .status,
    ).toBe(200);
    expect(
      (await stack.api.request('DELETE', `/api/v1/technicians/${created.id}`, { token })).status,
    ).toBe(204);

    // CloudEvents in the AMQP binding's binary mode: the body is the data, the attributes
    // are `cloudEvents:*` headers, and message_id / type repeat the id and the type.
    const events: {
      type: string;
      routingKey: string;
      headers: Record<string, unknown>;
      data: any;
      raw: string;
    }[] = [];
    await waitFor(
      async () => {
        const message = await broker.channel.get(spy, { noAck: true });
        if (
          message &&
          message.properties.headers?.['cloudEvents:subject'] === `technicians/${created.id}`
        ) {
          const raw = message.content.toString();
          expect(message.properties).toMatchObject({
            contentType: 'application/json',
            messageId: message.properties.headers['cloudEvents:id'],
            type: message.properties.headers['cloudEvents:type'],
            appId: 'org',
          });
          events.push({
            type: message.properties.headers['cloudEvents:type'],
            routingKey: message.fields.routingKey,
            headers: message.properties.headers,
            data: JSON.parse(raw),
            raw,
          });
        }
        return events.length >= 4;
      },
      { what: 'four technician events' },
    );

    expect(events.map((e) => e.type)).toEqual([
      'org.technician.created.v1',
      'org.technician.updated.v1',
      'org.technician.moved.v1',
      'org.technician.deleted.v1',
    ]);
    for (const event of events) {
      expect(event.headers).toEqual({
        'cloudEvents:specversion': '1.0',
        'cloudEvents:id': expect.stringMatching(/^[0-9a-f-]{36}$/),
        'cloudEvents:source': '/rescue-admin-center/org',
        'cloudEvents:type': event.type,
        'cloudEvents:time': expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
        'cloudEvents:subject': `technicians/${created.id}`,
        'cloudEvents:datacontenttype': 'application/json',
        'cloudEvents:organizationid': actor.organizationId,
        'cloudEvents:principal': `accounts/${actor.accountId}`,
      });
      // Routed by organization, then type: what a team's topic permission is checked against.
      expect(event.routingKey).toBe(`${actor.organizationId}.${event.type}`);
      // Not the private envelope of @nestjs/microservices any more.
      expect(event.data).not.toHaveProperty('pattern');
    }
    expect(events[0].data).toMatchObject({
      technician: { id: created.id, permissions: ['Chat'] },
    });
    expect(events[1].data.changed).toEqual(['nickname']);
    expect(events[2].data).toMatchObject({
      fromGroupId: groupId,
      toGroupId: other.id,
      permissions: ['RemoteView'],
    });
    expect(new Set(events.map((e) => e.headers['cloudEvents:id'])).size).toBe(4);
    for (const event of events) expect(event.raw).not.toMatch(/password|sealed/i);
    await expectConsistent();
  });
});
