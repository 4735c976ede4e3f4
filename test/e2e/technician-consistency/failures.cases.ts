import { randomUUID } from 'node:crypto';
import { commandQueueName, eventsExchangeName, OrgPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { packet, TestBroker } from '../../support/broker';
import { queryDatabase } from '../../support/databases';
import {
  createAdministrator,
  createGroup,
  GOOD_PASSWORD,
  uniqueEmail,
} from '../../support/fixtures';
import { unfinishedAccounts } from '../../support/invariants';
import { sharedSession } from '../../support/shared-session';
import type { technicianCreateSession } from '../../support/technician-creates';
import { waitFor } from '../../support/wait-for';

/**
 * A technician never exists without its credential, nor a credential without its technician,
 * whichever service fails; and its events say what became of it, without secrets.
 */
describe('Creating technicians: whole or not at all', () => {
  const { session, create, expectConsistent, queuesSettled, sealingKey } =
    sharedSession<ReturnType<typeof technicianCreateSession>>();

  it('leaves nothing behind when identity is down during a create, and the email stays free', async () => {
    const email = uniqueEmail('identitydown');
    await session.stack.services.identity.stop();
    try {
      const response = await create({ email });

      expect(response.status).toBe(503);
      expect(response.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(
        await queryDatabase(
          session.stack.env.databases.org,
          'SELECT id FROM accounts WHERE email_normalized = $1',
          [email],
        ),
      ).toEqual([]);
    } finally {
      await session.stack.services.identity.start();
    }
    // The create waited in identity's queue; the revoke queued behind it undoes it.
    await queuesSettled('identity');
    await expectConsistent();

    const again = await create({ email });
    expect(again.status).toBe(201);
    expect(
      (await session.stack.api.post('/api/v1/auth/login', { email, password: GOOD_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('leaves, after a restart, a whole technician or none when org dies between its two steps', async () => {
    const email = uniqueEmail('orgkilled');
    await session.stack.services.identity.stop();
    const pending = create({ email });
    // Step 1 done (the account reserved), step 2 waiting on identity: now org dies.
    const [account] = await waitFor(
      async () => {
        const rows = await queryDatabase<{ id: string; state: string }>(
          session.stack.env.databases.org,
          'SELECT id, state FROM accounts WHERE email_normalized = $1',
          [email],
        );
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the account to be reserved' },
    );
    expect(account.state).toBe('provisioning');
    await session.stack.services.org.kill();
    expect((await pending).status).toBe(503);

    await session.stack.services.identity.start();
    await session.stack.services.org.start();
    // The create command org held when it died comes back, possibly after retries with
    // back-off: decide only once org and identity hold no message at all, not even one taken.
    await queuesSettled('org', 'identity');
    await expectConsistent();

    // By email, not by the reserved account's id: when the sweep undid that account before
    // the create command (unacknowledged when org died) came back, the command makes a new one.
    const after = await queryDatabase<{ id: string; state: string }>(
      session.stack.env.databases.org,
      'SELECT id, state FROM accounts WHERE email_normalized = $1',
      [email],
    );
    const signIn = await session.stack.api.post('/api/v1/auth/login', {
      email,
      password: GOOD_PASSWORD,
    });
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

  it("leaves no organization behind when the outcome of its administrator's credential is unknown (org:create with identity down)", async () => {
    const count = async () =>
      Number(
        (
          await queryDatabase<{ n: string }>(
            session.stack.env.databases.org,
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
    await session.stack.services.identity.stop();
    let reply: Awaited<ReturnType<TestBroker['publish']>>;
    try {
      reply = await session.broker.publish(
        commandQueueName(session.stack.env.prefix, 'org'),
        packet(OrgPatterns.organizationCreate, command),
        { reply: true },
      );
    } finally {
      await session.stack.services.identity.start();
    }
    expect(reply?.err).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await queuesSettled('identity', 'org');
    await waitFor(async () => (await unfinishedAccounts(session.stack.env)).length === 0, {
      timeoutMs: 30_000,
      what: 'the unfinished administrator to be undone',
    });
    expect(await count()).toBe(before);
    await expectConsistent();
  });

  it('applies an administrator PATCH with a password whole or not at all when identity does not answer', async () => {
    const admin = await createAdministrator(session.stack.api, session.token, {
      groupIds: [session.groupId],
    });
    const newPassword = `${GOOD_PASSWORD}-Patched8`;
    session.stack.services.identity.pause();
    let patched: Awaited<ReturnType<typeof session.stack.api.request>>;
    try {
      patched = await session.stack.api.request('PATCH', `/api/v1/administrators/${admin.id}`, {
        body: { name: 'Renamed While Identity Slept', password: newPassword },
        token: session.token,
      });
    } finally {
      session.stack.services.identity.resume();
    }
    expect(patched.status).toBe(503);
    // Whatever was queued for identity has been handled by now.
    await queuesSettled('identity', 'org');

    const [row] = await queryDatabase<{ name: string }>(
      session.stack.env.databases.org,
      'SELECT name FROM accounts WHERE id = $1',
      [admin.id],
    );
    const signsInWith = async (password: string) =>
      (await session.stack.api.post('/api/v1/auth/login', { email: admin.email, password }))
        .status === 200;
    const renamed = row.name === 'Renamed While Identity Slept';
    expect({ renamed, newPassword: await signsInWith(newPassword) }).toEqual({
      renamed,
      newPassword: renamed,
    });
    expect(await signsInWith(admin.password)).toBe(!renamed);
  });

  it('publishes created, updated, moved and deleted events, without secrets', async () => {
    const spy = `${session.stack.env.prefix}.spy.${randomUUID()}`;
    await session.broker.channel.assertQueue(spy, { exclusive: true });
    await session.broker.channel.bindQueue(
      spy,
      eventsExchangeName(session.stack.env.prefix),
      '*.org.technician.#',
    );
    const other = await createGroup(session.stack.api, session.token, {
      permissions: ['RemoteView'],
    });

    const created = (await create({ email: uniqueEmail('events') })).body;
    expect(
      (
        await session.stack.api.request('PATCH', `/api/v1/technicians/${created.id}`, {
          body: { nickname: 'Evented' },
          token: session.token,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await session.stack.api.post(
          `/api/v1/technicians/${created.id}/move`,
          { groupId: other.id },
          session.token,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await session.stack.api.request('DELETE', `/api/v1/technicians/${created.id}`, {
          token: session.token,
        })
      ).status,
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
        const message = await session.broker.channel.get(spy, { noAck: true });
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
        'cloudEvents:organizationid': session.master.organizationId,
        'cloudEvents:principal': `accounts/${session.master.accountId}`,
        // How and from where (the deletion too, though finished after identity's revoke).
        'cloudEvents:channel': 'rest',
        'cloudEvents:origin': expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
      });
      // Routed by organization, then type: what a team's topic permission is checked against.
      expect(event.routingKey).toBe(`${session.master.organizationId}.${event.type}`);
      // Not the private envelope of @nestjs/microservices any more.
      expect(event.data).not.toHaveProperty('pattern');
    }
    expect(events[0].data).toMatchObject({
      technician: { id: created.id, permissions: ['Chat'] },
    });
    expect(events[1].data.changed).toEqual(['nickname']);
    expect(events[2].data).toMatchObject({
      fromGroupId: session.groupId,
      toGroupId: other.id,
      permissions: ['RemoteView'],
    });
    expect(new Set(events.map((e) => e.headers['cloudEvents:id'])).size).toBe(4);
    for (const event of events) expect(event.raw).not.toMatch(/password|sealed/i);
    await expectConsistent();
  });
});
