import type { GetMessage } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { commandQueueName, EventPatterns, IdentityPatterns } from '@app/contracts';
import { seal } from '@app/platform';
import { packet, TestBroker } from '../support/broker';
import { BrokerTeams } from '../support/broker-teams';
import {
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { csvImportFile, ImportRowsHold, technicianRow, uploadImport } from '../support/imports';
import { expectEachInTheLog } from '../support/audit-entries';
import { stackSession } from '../support/stack-session';
import { waitFor } from '../support/wait-for';

const MAX_PER_ACCOUNT = 3;

/** One event as it came off the events exchange: its raw bytes, headers and parsed data. */
interface Heard {
  type: string;
  headers: Record<string, unknown>;
  data: Record<string, any>;
  raw: string;
  userId: string | undefined;
}

/**
 * The audit events of identity (sign-ins, an account's own password, the password policy and
 * Single Sign-On settings) and of import (started, completed, cancelled), heard on the events
 * exchange as the audit service hears them: who (principal), how and from where (channel,
 * origin), about what (target, subject), what changed, and never a password or secret.
 */
describe('Audit events of identity and import', () => {
  let teams: BrokerTeams | undefined;
  let team: TestBroker | undefined;
  const session = stackSession('auditidimp', {
    broker: true,
    cleanUp: async () => {
      await team?.close();
      await teams?.removeAll();
    },
    // Behind one (pretend) proxy: each sign-in states its client's address in X-Forwarded-For.
    overrides: { TRUST_PROXY: '1', SIGN_IN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT) },
  });
  let spy: string;
  let groupId: string;
  const heard: Heard[] = [];

  beforeAll(async () => {
    const { organizationId } = session.master;
    spy = await session.broker.spyOnEvents(session.stack.env.prefix, '', {
      bindingKey: `${organizationId}.#`,
    });
    groupId = (await createGroup(session.stack.api, session.token)).id;
  });

  const take = (message: GetMessage): Heard => ({
    type: String(message.properties.headers?.['cloudEvents:type']),
    headers: message.properties.headers ?? {},
    data: JSON.parse(message.content.toString()),
    raw: message.content.toString() + JSON.stringify(message.properties),
    userId: message.properties.userId as string | undefined,
  });

  /** Waits for the first event of `type` that `matches`, keeping every event heard. */
  const event = (type: string, matches: (e: Heard) => boolean = () => true): Promise<Heard> =>
    waitFor(
      async () => {
        for (;;) {
          const found = heard.find((e) => e.type === type && matches(e));
          if (found) return found;
          const message = await session.broker.channel.get(spy, { noAck: true });
          if (!message) return undefined;
          heard.push(take(message));
        }
      },
      { timeoutMs: 20_000, what: `the event ${type}` },
    );

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

  const expectNoSecret = (e: Heard, ...secrets: string[]) => {
    for (const secret of secrets) expect(e.raw).not.toContain(secret);
  };

  const expectEnvelope = (e: Heard, principal: string, channel: string, subject: string) => {
    expect(e.headers).toMatchObject({
      'cloudEvents:organizationid': session.master.organizationId,
      'cloudEvents:principal': principal,
      'cloudEvents:channel': channel,
      'cloudEvents:subject': subject,
    });
  };

  it("records an account's own password change as identity.password.changed.v1, with no values", async () => {
    const tech = await technician();

    const e = await event(EventPatterns.passwordChanged, (x) => x.data.accountId === tech.id);

    expect(e.userId).toBeDefined();
    expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
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

    const e = await event(
      EventPatterns.signInSucceeded,
      (x) => x.data.accountId === tech.id && x.headers['cloudEvents:origin'] === '203.0.113.21',
    );
    expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
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

    const e = await event(
      EventPatterns.signInSucceeded,
      (x) => x.data.accountId === tech.id && x.headers['cloudEvents:channel'] === 'amqp',
    );
    expectEnvelope(e, `accounts/${tech.id}`, 'amqp', `accounts/${tech.id}`);
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

    const e = await event(EventPatterns.signInFailed, (x) => x.data.accountId === tech.id);
    expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
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
    expect(heard.filter((x) => x.raw.includes(nobody))).toEqual([]);
  });

  it("records a disabled account's right password as failed with ACCOUNT_DISABLED", async () => {
    const tech = await technician();
    const disable = await session.stack.api.request('PATCH', `/api/v1/technicians/${tech.id}`, {
      body: { enabled: false },
      token: session.token,
    });
    expect(disable.status).toBe(200);

    expect((await signIn(tech.email, tech.password, '203.0.113.23')).status).toBe(403);

    const e = await event(
      EventPatterns.signInFailed,
      (x) => x.data.accountId === tech.id && x.data.reason === 'ACCOUNT_DISABLED',
    );
    expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
    expect(e.headers['cloudEvents:origin']).toBe('203.0.113.23');
    expect(e.data).toMatchObject({ method: 'password', target: { name: tech.email } });
    expectNoSecret(e, tech.password);
    expect(
      heard.filter(
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

    const e = await event(EventPatterns.signInLockedOut, (x) => x.data.accountId === tech.id);
    expectEnvelope(e, `accounts/${tech.id}`, 'rest', `accounts/${tech.id}`);
    expect(e.headers['cloudEvents:origin']).toBe(`203.0.113.${30 + MAX_PER_ACCOUNT - 1}`);
    expect(e.data).toMatchObject({
      target: { type: 'account', id: tech.id, name: tech.email },
      accountId: tech.id,
      limit: 'account',
      blockSeconds: expect.any(Number),
    });
    const failures = heard.filter(
      (x) => x.type === EventPatterns.signInFailed && x.data.accountId === tech.id,
    );
    expect(failures).toHaveLength(MAX_PER_ACCOUNT);
    expect(
      heard.filter((x) => x.type === EventPatterns.signInLockedOut && x.data.accountId === tech.id),
    ).toHaveLength(1);
  });

  it('records the password policy saved, each field changed before and after', async () => {
    const current = (await session.stack.api.get('/api/v1/settings/password-policy', session.token))
      .body;
    const maxAgeDays = current.maxAgeDays === 90 ? 120 : 90;
    const next = { ...current, rejectCommonPasswords: !current.rejectCommonPasswords, maxAgeDays };

    const saved = await session.stack.api.request('PUT', '/api/v1/settings/password-policy', {
      body: next,
      token: session.token,
      headers: { 'x-forwarded-for': '203.0.113.50' },
    });
    expect(saved.status).toBe(200);

    const e = await event(EventPatterns.passwordPolicyUpdated);
    const principal = `accounts/${session.master.accountId}`;
    expectEnvelope(e, principal, 'rest', 'settings/password-policy');
    expect(e.headers['cloudEvents:origin']).toBe('203.0.113.50');
    expect(e.data.target).toEqual({
      type: 'settings',
      id: 'password-policy',
      name: 'Password policy',
    });
    expect(e.data.groupPaths).toEqual([]);
    expect(e.data.changes).toEqual([
      {
        field: 'rejectCommonPasswords',
        before: current.rejectCommonPasswords,
        after: !current.rejectCommonPasswords,
      },
      { field: 'maxAgeDays', before: current.maxAgeDays, after: maxAgeDays },
    ]);
    expect(e.data.policy).toMatchObject(next);
  });

  it('records the Single Sign-On settings saved, the client secret only as (set)', async () => {
    const secret = `client-secret-${randomBytes(8).toString('hex')}`;
    const oidc = {
      issuer: 'https://login.example.com/tenant/v2.0',
      clientId: 'rescue-admin',
      clientSecret: secret,
    };
    const put = (body: unknown) =>
      session.stack.api.request('PUT', '/api/v1/settings/sso', {
        body,
        token: session.token,
        headers: { 'x-forwarded-for': '203.0.113.60' },
      });

    expect(
      (await put({ mode: 'optional', protocol: 'oidc', oidc, breakGlassAccountIds: [] })).status,
    ).toBe(200);
    const first = await event(EventPatterns.ssoSettingsUpdated);
    expectEnvelope(first, `accounts/${session.master.accountId}`, 'rest', 'settings/sso');
    expect(first.headers['cloudEvents:origin']).toBe('203.0.113.60');
    expect(first.data.target).toEqual({ type: 'settings', id: 'sso', name: 'Single Sign-On' });
    expect(first.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'mode', before: 'off', after: 'optional' },
        { field: 'protocol', before: null, after: 'oidc' },
        { field: 'oidc.issuer', before: null, after: oidc.issuer },
        { field: 'clientSecret', before: null, after: '(set)' },
      ]),
    );
    expectNoSecret(first, secret);

    // Saved again without a secret (the saved one stays): no secret change, the claim's is.
    const { clientSecret: _, ...withoutSecret } = oidc;
    expect(
      (
        await put({
          mode: 'optional',
          protocol: 'oidc',
          oidc: { ...withoutSecret, ssoIdClaim: 'email' },
          breakGlassAccountIds: [],
        })
      ).status,
    ).toBe(200);
    const second = await event(EventPatterns.ssoSettingsUpdated, (x) => x !== first);
    expect(second.data.changes).toEqual([
      { field: 'oidc.ssoIdClaim', before: null, after: 'email' },
    ]);
    expectNoSecret(second, secret);
  });

  it('records an import started (at upload) and completed (as the import, for its administrator)', async () => {
    const password = `Im-${randomBytes(4).toString('hex')}-5Z`;
    const fileName = `audit-${randomBytes(3).toString('hex')}.csv`;
    const file = csvImportFile([
      technicianRow(groupId, { email: uniqueEmail('imported'), password }),
      technicianRow(groupId, { email: 'not-an-email', password }),
    ]);

    const upload = await uploadImport(session.stack, session.token, file, { fileName });
    expect(upload.status).toBe(202);
    const id = upload.body.id as string;

    const started = await event(EventPatterns.importStarted, (x) => x.data.importId === id);
    const principal = `accounts/${session.master.accountId}`;
    expectEnvelope(started, principal, 'rest', `imports/${id}`);
    expect(started.headers['cloudEvents:source']).toBe('/rescue-admin-center/import');
    expect(started.data).toEqual({
      target: { type: 'import', id, name: fileName },
      groupPaths: [],
      importId: id,
      fileName,
      format: 'csv',
      total: 2,
      dryRun: false,
      groupId: null,
    });

    const completed = await event(EventPatterns.importCompleted, (x) => x.data.importId === id);
    expectEnvelope(completed, principal, 'import', `imports/${id}`);
    expect(completed.headers['cloudEvents:origin']).toBe(`imports/${id}`);
    expect(completed.data).toMatchObject({
      target: { type: 'import', id, name: fileName },
      groupPaths: [],
      status: 'completed',
      total: 2,
      succeeded: 1,
      failed: 1,
    });
    expectNoSecret(started, password);
    expectNoSecret(completed, password);
  });

  it('records an import cancelled by its administrator, before the completed that ends it', async () => {
    const batches = ImportRowsHold.open(session.stack);
    try {
      await batches.hold();
      const fileName = `cancel-${randomBytes(3).toString('hex')}.csv`;
      const file = csvImportFile(
        [1, 2, 3].map(() =>
          technicianRow(groupId, { email: uniqueEmail('cancelled'), password: GOOD_PASSWORD }),
        ),
      );
      const upload = await uploadImport(session.stack, session.token, file, { fileName });
      expect(upload.status).toBe(202);
      const id = upload.body.id as string;

      const cancel = await session.stack.api.request('POST', `/api/v1/imports/${id}/cancel`, {
        body: {},
        token: session.token,
        headers: { 'x-forwarded-for': '203.0.113.70' },
      });
      expect(cancel.status).toBe(200);

      const cancelled = await event(EventPatterns.importCancelled, (x) => x.data.importId === id);
      expectEnvelope(cancelled, `accounts/${session.master.accountId}`, 'rest', `imports/${id}`);
      expect(cancelled.headers['cloudEvents:origin']).toBe('203.0.113.70');
      expect(cancelled.data).toEqual({
        target: { type: 'import', id, name: fileName },
        groupPaths: [],
        importId: id,
      });
      const completed = await event(EventPatterns.importCompleted, (x) => x.data.importId === id);
      expect(completed.data.status).toBe('cancelled');
      expect(heard.indexOf(cancelled)).toBeLessThan(heard.indexOf(completed));
    } finally {
      await batches.release();
      await batches.close();
    }
  });

  it('holds each of these events in the audit log, once, as heard', async () => {
    // Everything still on the spy queue too: the changes of every test above.
    for (;;) {
      const message = await session.broker.channel.get(spy, { noAck: true });
      if (!message) break;
      heard.push(take(message));
    }
    const header = (e: Heard, name: string) => e.headers[`cloudEvents:${name}`] as string;
    expect(heard.length).toBeGreaterThan(10);
    await expectEachInTheLog(
      session.stack,
      session.token,
      heard.map((e) => ({
        id: header(e, 'id'),
        type: e.type,
        principal: header(e, 'principal'),
        channel: header(e, 'channel'),
        origin: header(e, 'origin'),
        data: e.data,
      })),
    );
  });
});
