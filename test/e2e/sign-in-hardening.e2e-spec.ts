import jwt from 'jsonwebtoken';
import { commandQueueName, ImportPatterns, OrgPatterns } from '@app/contracts';
import { packet, TestBroker } from '../support/broker';
import { BrokerTeams } from '../support/broker-teams';
import { queryDatabase } from '../support/databases';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { Stack } from '../support/stack';

const MAX_PER_ACCOUNT = 3;
const MAX_PER_ADDRESS = 6;

describe('Sign-in hardening', () => {
  let stack: Stack;
  let token: string;
  let groupId: string;
  let addressCounter = 0;

  beforeAll(async () => {
    // Behind one (pretend) proxy, so that each test signs in from client addresses of its own:
    // the address is the last one of X-Forwarded-For, the one that proxy added.
    stack = await Stack.start('hardening', {
      TRUST_PROXY: '1',
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: String(MAX_PER_ADDRESS),
    });
    token = await stack.adminToken();
    groupId = (await createGroup(stack.api, token)).id;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const freshAddress = () => `198.51.100.${++addressCounter}`;
  /** Signs in through the pretend proxy, which writes the client's address into X-Forwarded-For. */
  const signInVia = (email: string, password: string, forwardedFor: string) =>
    stack.api.request('POST', '/api/v1/auth/login', {
      body: { email, password },
      headers: { 'x-forwarded-for': forwardedFor },
    });
  const signIn = (email: string, password: string, address: string) =>
    signInVia(email, password, address);

  async function technician(): Promise<{ email: string; password: string; id: string }> {
    const created = await createTechnician(stack.api, token, groupId, {
      email: uniqueEmail('hardening'),
    });
    // Change the administrator-set password, as a real technician would.
    await signInChangingPassword(stack.api, created.email, created.password);
    return { email: created.email, password: `${created.password}-New9`, id: created.id };
  }

  it(`blocks an account after ${MAX_PER_ACCOUNT} failures, even with the right password, with 429 and Retry-After`, async () => {
    const { email, password } = await technician();
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect((await signIn(email, 'Wrong-Pass-1', freshAddress())).status).toBe(401);
    }

    const blocked = await signIn(email, password, freshAddress());

    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('blocks an unknown email the same way, so that the limit reveals nothing', async () => {
    const email = uniqueEmail('nobody');
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      expect((await signIn(email, 'Wrong-Pass-1', freshAddress())).status).toBe(401);
    }
    expect((await signIn(email, 'Wrong-Pass-1', freshAddress())).status).toBe(429);
  });

  it('clears the count of an account on a successful sign-in', async () => {
    const { email, password } = await technician();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < MAX_PER_ACCOUNT - 1; i++) {
        expect((await signIn(email, 'Wrong-Pass-1', freshAddress())).status).toBe(401);
      }
      expect((await signIn(email, password, freshAddress())).status).toBe(200);
    }
  });

  it(`blocks a client address after ${MAX_PER_ADDRESS} failures, whatever the accounts, and only that address`, async () => {
    const { email, password } = await technician();
    const address = freshAddress();
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      expect((await signIn(uniqueEmail('spray'), 'Wrong-Pass-1', address)).status).toBe(401);
    }

    expect((await signIn(email, password, address)).status).toBe(429);
    expect((await signIn(email, password, freshAddress())).status).toBe(200);
  });

  it(`lets at most ${MAX_PER_ACCOUNT} of 12 parallel guesses at one account be checked (each attempt is counted before its password is)`, async () => {
    const { email, password } = await technician();
    const guesses = await Promise.all(
      Array.from({ length: 12 }, () => signIn(email, 'Wrong-Pass-1', freshAddress())),
    );
    const statuses = guesses.map((guess) => guess.status);

    expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_PER_ACCOUNT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(12 - MAX_PER_ACCOUNT);
    expect((await signIn(email, password, freshAddress())).status).toBe(429);
  });

  it(`limits attempts at the current password of a password change to ${MAX_PER_ACCOUNT}, then 429 even with the right one`, async () => {
    const { email, password } = await technician();
    const session = await stack.api.login(email, password);
    const change = (currentPassword: string) =>
      stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword, newPassword: `${password}-Again7` },
        session,
      );
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      const wrong = await change('Wrong-Pass-1');
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    }

    const blocked = await change(password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('takes the client address from the hop its proxy added, not from what the client wrote before it', async () => {
    const { email, password } = await technician();
    const address = freshAddress();
    // A client that writes its own X-Forwarded-For cannot pass for a new address each time.
    for (let i = 0; i < MAX_PER_ADDRESS; i++) {
      const spoofed = `203.0.113.${i + 1}, ${address}`;
      expect((await signInVia(uniqueEmail('spoof'), 'Wrong-Pass-1', spoofed)).status).toBe(401);
    }
    expect((await signInVia(email, password, `203.0.113.200, ${address}`)).status).toBe(429);
  });

  describe('a password change or reset ends the sessions opened before it', () => {
    const me = (session: string) => stack.api.get('/api/v1/me', session);

    it("ends a technician's sessions when an administrator resets the password; a sign-in after it works", async () => {
      const { email, password, id } = await technician();
      const before = await stack.api.login(email, password);
      expect((await me(before)).status).toBe(200);

      const reset = await stack.api.post(
        `/api/v1/technicians/${id}/password`,
        { password: `${GOOD_PASSWORD}-Reset5` },
        token,
      );
      expect(reset.status).toBe(204);

      expect((await me(before)).status).toBe(401);
      const after = await stack.api.login(email, `${GOOD_PASSWORD}-Reset5`);
      expect((await me(after)).status).toBe(200);
    });

    it('leaves the sessions of a refused reset (422 PASSWORD_POLICY) alone', async () => {
      const { email, password, id } = await technician();
      const before = await stack.api.login(email, password);
      const reset = await stack.api.post(
        `/api/v1/technicians/${id}/password`,
        { password: 'abc' },
        token,
      );
      expect(reset.status).toBe(422);
      expect((await me(before)).status).toBe(200);
    });

    it('ends every session of an owner who changes the password, the one that changed it included', async () => {
      const { email, password } = await technician();
      const other = await stack.api.login(email, password);
      const changer = await stack.api.login(email, password);

      const changed = await stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: password, newPassword: `${password}-Changed3` },
        changer,
      );
      expect(changed.status).toBe(204);

      expect((await me(other)).status).toBe(401);
      expect((await me(changer)).status).toBe(401);
      // An old session cannot change the password again either.
      const again = await stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: `${password}-Changed3`, newPassword: `${password}-Changed4` },
        other,
      );
      expect(again.status).toBe(401);
      const fresh = await stack.api.login(email, `${password}-Changed3`);
      expect((await me(fresh)).status).toBe(200);
    });

    it("ends an administrator's sessions when a Master Administrator sets its password", async () => {
      const admin = await createAdministrator(stack.api, token, { groupIds: [groupId] });
      const session = await signInChangingPassword(stack.api, admin.email, admin.password);
      expect((await stack.api.get('/api/v1/groups', session)).status).toBe(200);

      const patched = await stack.api.request('PATCH', `/api/v1/administrators/${admin.id}`, {
        body: { password: `${GOOD_PASSWORD}-Admin6` },
        token,
      });
      expect(patched.status).toBe(200);

      expect((await stack.api.get('/api/v1/groups', session)).status).toBe(401);
    });
  });

  describe('sign-out ends the session everywhere: REST, and RabbitMQ in every service', () => {
    /** Another team's service, as the broker user `npm run broker:client` made for it. */
    let broker: TestBroker;
    let teams: BrokerTeams;
    let master: { email: string; password: string; id: string; organizationId: string };

    beforeAll(async () => {
      const created = await createAdministrator(stack.api, token, { role: 'master_admin' });
      await signInChangingPassword(stack.api, created.email, created.password);
      master = {
        email: created.email,
        password: `${created.password}-New9`,
        id: created.id,
        organizationId: created.organizationId,
      };
      teams = new BrokerTeams(stack.env);
      broker = await TestBroker.connect(
        (await teams.make('signout', [created.organizationId])).url,
      );
    });

    afterAll(async () => {
      await broker?.close();
      await teams?.removeAll();
    });

    const signOut = (session: string) => stack.api.post('/api/v1/auth/logout', undefined, session);
    /** What each service answers the token, at REST and as another team's service over AMQP. */
    async function answers(session: string) {
      const overAmqp = async (service: 'org' | 'import', pattern: string) => {
        const reply = await broker.publish(
          commandQueueName(stack.env.prefix, service),
          packet(pattern, {}),
          { reply: true, headers: { authorization: `Bearer ${session}` } },
        );
        return reply?.err?.code ?? 'answered';
      };
      const status = async (path: string) => {
        const response = await stack.api.get(`/api/v1${path}`, session);
        return response.status === 401 ? `401 ${response.body.code}` : response.status;
      };
      return {
        'REST GET /me (org)': await status('/me'),
        'REST GET /groups (org)': await status('/groups'),
        'REST GET /imports (import)': await status('/imports'),
        'AMQP org.group.tree.get.v1': await overAmqp('org', OrgPatterns.groupTreeGet),
        'AMQP import.list.v1': await overAmqp('import', ImportPatterns.list),
      };
    }
    const working = {
      'REST GET /me (org)': 200,
      'REST GET /groups (org)': 200,
      'REST GET /imports (import)': 200,
      'AMQP org.group.tree.get.v1': 'answered',
      'AMQP import.list.v1': 'answered',
    };
    const refused = {
      'REST GET /me (org)': '401 UNAUTHENTICATED',
      'REST GET /groups (org)': '401 UNAUTHENTICATED',
      'REST GET /imports (import)': '401 UNAUTHENTICATED',
      'AMQP org.group.tree.get.v1': 'UNAUTHENTICATED',
      'AMQP import.list.v1': 'UNAUTHENTICATED',
    };

    it('refuses the signed-out token at once everywhere, while another session of the account keeps working', async () => {
      const signedOut = await stack.api.login(master.email, master.password);
      const other = await stack.api.login(master.email, master.password);
      expect(await answers(signedOut)).toEqual(working);

      const response = await signOut(signedOut);
      expect(response.status).toBe(204);

      expect(await answers(signedOut)).toEqual(refused);
      // Identity's command too (it asks org whether the token still stands).
      const change = await stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: master.password, newPassword: `${master.password}-Out1` },
        signedOut,
      );
      expect([change.status, change.body.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(await answers(other)).toEqual(working);
    });

    it('answers a second sign-out with the same token 401: the token is no longer valid', async () => {
      const session = await stack.api.login(master.email, master.password);
      expect((await signOut(session)).status).toBe(204);

      const again = await signOut(session);
      expect([again.status, again.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('ends a technician session too, one that must still change its password included', async () => {
      const created = await createTechnician(stack.api, token, groupId, {
        email: uniqueEmail('signout'),
      });
      const first = await stack.api.post('/api/v1/auth/login', {
        email: created.email,
        password: created.password,
      });
      expect(first.body.mustChangePassword).toBe(true);
      const session = first.body.accessToken as string;

      expect((await signOut(session)).status).toBe(204);
      const change = await stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: created.password, newPassword: `${created.password}-New9` },
        session,
      );
      expect([change.status, change.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('keeps what it remembers of a signed-out session only until its token would have expired', async () => {
      const session = await stack.api.login(master.email, master.password);
      const { sid, exp } = jwt.decode(session) as { sid: string; exp: number };
      expect(sid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect((await signOut(session)).status).toBe(204);

      const rows = await queryDatabase<{ expires_at: Date }>(
        stack.env.databases.org,
        'SELECT expires_at FROM ended_sessions WHERE session_id = $1',
        [sid],
      );
      expect(rows.map((row) => row.expires_at.getTime())).toEqual([exp * 1000]);
    });

    it('signs out a token issued before tokens carried a session id, and leaves newer sessions alone', async () => {
      const now = Date.now() / 1000;
      const legacy = jwt.sign(
        { sub: master.id, org: master.organizationId, role: 'master_admin', mcp: false, iat: now },
        stack.env.vars.JWT_SECRET,
        { algorithm: 'HS256', issuer: 'rac-identity', audience: 'rac-api', expiresIn: 600 },
      );
      const newer = await stack.api.login(master.email, master.password);
      expect((await stack.api.get('/api/v1/me', legacy)).status).toBe(200);

      expect((await signOut(legacy)).status).toBe(204);

      expect(await answers(legacy)).toEqual(refused);
      expect(await answers(newer)).toEqual(working);
    });
  });

  it('answers a disabled account 403 ACCOUNT_DISABLED only once its password checked out', async () => {
    const { email, password, id } = await technician();
    const disable = await stack.api.request('PATCH', `/api/v1/technicians/${id}`, {
      body: { enabled: false },
      token,
    });
    expect(disable.status).toBe(200);

    const wrong = await signIn(email, 'Wrong-Pass-1', freshAddress());
    const right = await signIn(email, password, freshAddress());

    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(right.status).toBe(403);
    expect(right.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    const accounts = await Promise.all(Array.from({ length: 6 }, () => technician()));
    const timed = async (email: string): Promise<number> => {
      const started = process.hrtime.bigint();
      const response = await signIn(email, 'Wrong-Pass-1', freshAddress());
      expect(response.status).toBe(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, two attempts per account (under the account limit), so that load affects both alike.
    for (let round = 0; round < 2; round++) {
      for (const account of accounts) {
        known.push(await timed(account.email));
        unknown.push(await timed(uniqueEmail('ghost')));
      }
    }

    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const difference = Math.abs(median(known) - median(unknown));
    // Both spend one argon2 verification; what remains is noise.
    expect(difference).toBeLessThan(Math.max(15, 0.35 * Math.max(median(known), median(unknown))));
  });

  it('keeps the answer of a wrong password and an unknown email identical', async () => {
    const { email } = await technician();
    const wrong = await signIn(email, 'Wrong-Pass-1', freshAddress());
    const unknown = await signIn(uniqueEmail('ghost'), 'Wrong-Pass-1', freshAddress());

    expect(wrong.status).toBe(unknown.status);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('answers a good sign-in with the role and mustChangePassword', async () => {
    const created = await createTechnician(stack.api, token, groupId, { password: GOOD_PASSWORD });
    const first = await signIn(created.email, GOOD_PASSWORD, freshAddress());

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      role: 'technician',
      mustChangePassword: true,
      tokenType: 'Bearer',
    });
  });
});
