import jwt from 'jsonwebtoken';
import { commandQueueName, ImportPatterns, OrgPatterns } from '@app/contracts';
import { packet, TestBroker } from '../support/broker';
import { BrokerTeams } from '../support/broker-teams';
import { queryDatabase } from '../support/databases';
import {
  createAdministrator,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { HardenedStack } from '../support/hardened-stack';
import type { Stack } from '../support/stack';

/**
 * Sign-in hardening: a password change or reset ends the sessions opened before it, and a
 * sign-out ends its session everywhere (REST, and RabbitMQ in every service).
 */
describe('Sign-in hardening', () => {
  const hardened = HardenedStack.use('hardeningsession');
  const { technician } = hardened;
  let stack: Stack, token: string, groupId: string;
  beforeAll(() => ({ stack, token, groupId } = hardened));

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
});
