import { randomBytes } from 'node:crypto';
import { commandQueueName, EventPatterns, IdentityPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { packet, TestBroker } from '../support/broker';
import { BrokerTeams } from '../support/broker-teams';
import { EventsHeard, expectNoSecret } from '../support/events-heard';
import {
  createGroup,
  createTechnician,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { stackSession } from '../support/stack-session';

const MAX_PER_ACCOUNT = 3;

/**
 * The audit events of sign-ins and of an account's own password, heard on the events exchange
 * as the audit service hears them: who (principal), how and from where (channel, origin),
 * about what (target, subject), and never a password; then each found once in the audit log.
 */
describe('Audit events of sign-ins', () => {
  let teams: BrokerTeams | undefined;
  let team: TestBroker | undefined;
  const session = stackSession('auditsignin', {
    broker: true,
    cleanUp: async () => {
      await team?.close();
      await teams?.removeAll();
    },
    // Behind one (pretend) proxy: each sign-in states its client's address in X-Forwarded-For.
    overrides: { TRUST_PROXY: '1', SIGN_IN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT) },
  });

  const heard = new EventsHeard(session);
  let groupId: string;

  beforeAll(async () => {
    await heard.listen();
    groupId = (await createGroup(session.stack.api, session.token)).id;
  });

  const signIn = (email: string, password: string, address: string) =>
    session.stack.api.request('POST', '/api/v1/auth/login', {
      body: { email, password },
      headers: { 'x-forwarded-for': address },
    });

  /** A technician whose own password it has set (a password change, as a real one does). */
  const technician = async () => {
    const created = await createTechnician(session.stack.api, session.token, groupId, {
      email: uniqueEmail('audit'),
      password: `Au-${randomBytes(4).toString('hex')}-7Q`,
    });
    await signInChangingPassword(session.stack.api, created.email, created.password);
    return {
      id: created.id as string,
      email: created.email as string,
      firstPassword: created.password as string,
      password: `${created.password}-New9`,
    };
  };

  it("records an account's own password change as identity.password.changed.v1, with no values", async () => {
    const tech = await technician();

    const e = await heard.event(EventPatterns.passwordChanged, (x) => x.data.accountId === tech.id);

    expect(e.userId).toBeDefined();
    heard.expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
    expect(e.headers['cloudEvents:source']).toBe('/rescue-admin-center/identity');
    expect(e.data).toEqual({
      target: { type: 'account', id: tech.id, name: tech.email },
      groupPaths: [],
      accountId: tech.id,
    });
    expectNoSecret(e, tech.firstPassword, tech.password);
  });

  it('records a password sign-in with the client address as identity.sign-in.succeeded.v1', async () => {
    const tech = await technician();

    expect((await signIn(tech.email, tech.password, '203.0.113.21')).status).toBe(200);

    const e = await heard.event(
      EventPatterns.signInSucceeded,
      (x) => x.data.accountId === tech.id && x.headers['cloudEvents:origin'] === '203.0.113.21',
    );
    heard.expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
    expect(e.headers['cloudEvents:type']).toBe('identity.sign-in.succeeded.v1');
    expect(e.data).toEqual({
      target: { type: 'account', id: tech.id, name: tech.email },
      groupPaths: [],
      accountId: tech.id,
      method: 'password',
    });
    expectNoSecret(e, tech.password);
  });

  it("records another team's sign-in over the broker with channel amqp and its broker user", async () => {
    const tech = await technician();
    teams = new BrokerTeams(session.stack.env);
    const made = await teams.make('auditsignin', [session.master.organizationId]);
    team = await TestBroker.connect(made.url);
    const prefix = session.stack.env.prefix;
    const sealedPassword = await seal(tech.password, await team.sealingKey(prefix));

    const reply = await team.publish(
      commandQueueName(prefix, 'identity'),
      packet(IdentityPatterns.login, { email: tech.email, sealedPassword }),
      { reply: true },
    );
    expect(reply?.response).toMatchObject({ tokenType: 'Bearer' });

    const e = await heard.event(
      EventPatterns.signInSucceeded,
      (x) => x.data.accountId === tech.id && x.headers['cloudEvents:channel'] === 'amqp',
    );
    heard.expectEnvelope(e, `accounts/${tech.id}`, 'amqp', `accounts/${tech.id}`);
    expect(e.headers['cloudEvents:origin']).toBe(made.user);
    expect(e.data).toMatchObject({ accountId: tech.id, method: 'password' });
    expectNoSecret(e, tech.password, sealedPassword);
  });

  it("records a known account's wrong password with its reason, and nothing for an unknown email", async () => {
    const tech = await technician();
    const nobody = uniqueEmail('nobody');
    const wrong = `Wrong-${randomBytes(4).toString('hex')}-1`;

    expect((await signIn(nobody, wrong, '203.0.113.22')).status).toBe(401);
    expect((await signIn(tech.email, wrong, '203.0.113.22')).status).toBe(401);

    const e = await heard.event(EventPatterns.signInFailed, (x) => x.data.accountId === tech.id);
    heard.expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
    expect(e.headers['cloudEvents:origin']).toBe('203.0.113.22');
    expect(e.data).toEqual({
      target: { type: 'account', id: tech.id, name: tech.email },
      groupPaths: [],
      accountId: tech.id,
      method: 'password',
      reason: 'INVALID_CREDENTIALS',
    });
    expectNoSecret(e, wrong, tech.password);
    // The unknown email's attempt came first: had it an event, it would have arrived already.
    expect(heard.all.filter((x) => x.raw.includes(nobody))).toEqual([]);
  });

  it("records a disabled account's right password as failed with ACCOUNT_DISABLED", async () => {
    const tech = await technician();
    const disable = await session.stack.api.request('PATCH', `/api/v1/technicians/${tech.id}`, {
      body: { enabled: false },
      token: session.token,
    });
    expect(disable.status).toBe(200);

    expect((await signIn(tech.email, tech.password, '203.0.113.23')).status).toBe(403);

    const e = await heard.event(
      EventPatterns.signInFailed,
      (x) => x.data.accountId === tech.id && x.data.reason === 'ACCOUNT_DISABLED',
    );
    heard.expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
    expect(e.headers['cloudEvents:origin']).toBe('203.0.113.23');
    expect(e.data).toMatchObject({ method: 'password', target: { name: tech.email } });
    expectNoSecret(e, tech.password);
    expect(
      heard.all.filter(
        (x) =>
          x.type === EventPatterns.signInSucceeded &&
          x.headers['cloudEvents:origin'] === '203.0.113.23',
      ),
    ).toEqual([]);
  });

  it(`records the failure that locks an account out (failure number ${MAX_PER_ACCOUNT}) as identity.sign-in.locked-out.v1`, async () => {
    const tech = await technician();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect((await signIn(tech.email, 'Wrong-Pass-1', `203.0.113.${30 + i}`)).status).toBe(401);
    }
    expect((await signIn(tech.email, tech.password, '203.0.113.40')).status).toBe(429);

    const e = await heard.event(EventPatterns.signInLockedOut, (x) => x.data.accountId === tech.id);
    heard.expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
    expect(e.headers['cloudEvents:origin']).toBe(`203.0.113.${30 + MAX_PER_ACCOUNT - 1}`);
    expect(e.data).toMatchObject({
      target: { type: 'account', id: tech.id, name: tech.email },
      accountId: tech.id,
      limit: 'account',
      blockSeconds: expect.any(Number),
    });
    const failures = heard.all.filter(
      (x) => x.type === EventPatterns.signInFailed && x.data.accountId === tech.id,
    );
    expect(failures).toHaveLength(MAX_PER_ACCOUNT);
    expect(
      heard.all.filter(
        (x) => x.type === EventPatterns.signInLockedOut && x.data.accountId === tech.id,
      ),
    ).toHaveLength(1);
  });

  it('holds each of these events in the audit log, once, as heard', async () => {
    await heard.expectEachInTheLog();
  });
});
