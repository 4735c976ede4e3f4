import type { ApiResponse } from '../support/api-client';
import { forgedTokens } from '../support/forged-tokens';
import { createAdministrator, createTechnician, signInChangingPassword } from '../support/fixtures';
import { API, SecuritySuite } from '../support/security-suite';
import type { Stack } from '../support/stack';
import { AUDIENCE, decode, ISSUER, masterClaims, signToken } from '../support/tokens';
import { waitFor } from '../support/wait-for';

/** The problem answered for a refused token, as `{status, code}` with its content type checked. */
function outcome(response: ApiResponse): { status: number; code: unknown; problemJson: boolean } {
  return {
    status: response.status,
    code: response.body?.code,
    problemJson: /^application\/problem\+json/.test(response.headers.get('content-type') ?? ''),
  };
}

const UNAUTHENTICATED = { status: 401, code: 'UNAUTHENTICATED', problemJson: true };

/**
 * Security checks of issue 6 (spec §2 and §3): forged, tampered, expired and misshapen bearer
 * tokens answer 401 (test/support/forged-tokens.ts), and so does the valid token of an account
 * that no longer may act; no password of the suite is left in the databases or logs
 * (test/support/security-suite.ts).
 */
describe('Security checks', () => {
  const security = SecuritySuite.use('securitytokens', 'tokens');
  const { figures, secret, remember, masterGet } = security;
  let stack: Stack, masterToken: string, group: any;
  beforeAll(() => ({ stack, masterToken, group } = security));

  describe('bearer tokens', () => {
    const forged = forgedTokens(security);

    const endpoints = [
      { name: 'GET /me', method: 'GET', route: '/me' },
      { name: 'GET /groups (an admin endpoint)', method: 'GET', route: '/groups' },
      {
        name: 'GET /administrators (a Master Administrator endpoint)',
        method: 'GET',
        route: '/administrators',
      },
    ];

    const send = async (method: string, route: string, authorization: string) => {
      figures.tokenRequests += 1;
      const response = await stack.api.request(method, `${API}${route}`, {
        headers: { authorization },
      });
      figures.answersChecked += 1;
      return response;
    };

    it('accepts a token the test signs the way identity does (so the forgeries below differ in one thing only)', async () => {
      const authorization = `Bearer ${signToken(security, masterClaims(security))}`;
      for (const { method, route } of endpoints) {
        const response = await send(method, route, authorization);
        expect(response.status).toBe(200);
      }
      expect(decode(masterToken).header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(decode(masterToken).claims).toMatchObject({
        ...masterClaims(security),
        iss: ISSUER,
        aud: AUDIENCE,
      });
    });

    const cases = forged.flatMap((token) =>
      endpoints.map((endpoint) => ({
        token: token.name,
        endpoint: endpoint.name,
        ...endpoint,
        make: token.authorization,
      })),
    );

    it.each(cases)(
      '$token: $endpoint answers 401 UNAUTHENTICATED',
      async ({ method, route, make }) => {
        const response = await send(method, route, make());
        if (response.status !== 401) figures.wrongStatuses += 1;

        expect(outcome(response)).toEqual(UNAUTHENTICATED);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
      },
    );

    it('refuses a real token given in the query string instead of the header', async () => {
      const response = await stack.api.get(`${API}/me?access_token=${masterToken}`);
      figures.answersChecked += 1;
      expect(outcome(response)).toEqual(UNAUTHENTICATED);
    });

    it('changed nothing: the forged master_admin tokens created no group', async () => {
      const create = (authorization: string) =>
        stack.api.request('POST', `${API}/groups`, {
          headers: { authorization },
          body: { name: 'Forged group' },
        });
      const attempts = await Promise.all(forged.map((token) => create(token.authorization())));
      figures.answersChecked += attempts.length;

      for (const response of attempts) expect(outcome(response)).toEqual(UNAUTHENTICATED);
      const tree = await masterGet('/groups');
      expect(JSON.stringify(tree.body)).not.toContain('Forged group');
    });

    afterAll(() => {
      // The forgeries, the token in the query string, a deleted technician's and a disabled administrator's.
      figures.tokensTried = forged.length + 3;
    });

    describe('a valid token of an account that no longer may act (valid until it expires)', () => {
      it("answers a deleted technician's token with 401 UNAUTHENTICATED on GET /me and POST /auth/change-password", async () => {
        const technician = await createTechnician(stack.api, masterToken, group.id, {
          password: secret('deleted-technician'),
        });
        const current = remember(`${technician.password}-New9`, 'deleted-technician changed');
        const token = await signInChangingPassword(
          stack.api,
          technician.email,
          technician.password,
        );
        expect((await stack.api.get(`${API}/me`, token)).status).toBe(200);

        const deleted = await stack.api.request('DELETE', `${API}/technicians/${technician.id}`, {
          token: masterToken,
        });
        expect(deleted.status).toBe(204);
        await waitFor(
          async () => (await masterGet(`/technicians/${technician.id}`)).status === 404,
          {
            what: 'the technician to be gone',
          },
        );

        const profile = await stack.api.get(`${API}/me`, token);
        const change = await stack.api.post(
          `${API}/auth/change-password`,
          { currentPassword: current, newPassword: secret('deleted-technician new') },
          token,
        );
        figures.answersChecked += 2;
        if (profile.status !== 401) figures.wrongStatuses += 1;
        if (change.status !== 401) figures.wrongStatuses += 1;

        expect({ endpoint: 'GET /me', ...outcome(profile) }).toEqual({
          endpoint: 'GET /me',
          ...UNAUTHENTICATED,
        });
        expect({ endpoint: 'POST /auth/change-password', ...outcome(change) }).toEqual({
          endpoint: 'POST /auth/change-password',
          ...UNAUTHENTICATED,
        });
      });

      it("answers a disabled Administrator's token with 401 UNAUTHENTICATED on GET /me and on admin endpoints, and it changes nothing", async () => {
        const admin = await createAdministrator(stack.api, masterToken, {
          groupIds: [group.id],
          password: secret('disabled-admin'),
        });
        remember(`${admin.password}-New9`, 'disabled-admin changed');
        const token = await signInChangingPassword(stack.api, admin.email, admin.password);
        expect((await stack.api.get(`${API}/groups`, token)).status).toBe(200);

        const disable = await stack.api.request('PATCH', `${API}/administrators/${admin.id}`, {
          body: { enabled: false },
          token: masterToken,
        });
        expect(disable.status).toBe(200);
        expect(disable.body.enabled).toBe(false);

        const answers = {
          'GET /me': await stack.api.get(`${API}/me`, token),
          'GET /groups': await stack.api.get(`${API}/groups`, token),
          'GET /groups/:id/technicians': await stack.api.get(
            `${API}/groups/${group.id}/technicians`,
            token,
          ),
          'POST /groups under its group': await stack.api.post(
            `${API}/groups`,
            { name: 'Made by a disabled admin', parentId: group.id },
            token,
          ),
        };
        figures.answersChecked += Object.keys(answers).length;
        const got = Object.fromEntries(
          Object.entries(answers).map(([endpoint, response]) => [endpoint, outcome(response)]),
        );
        figures.wrongStatuses += Object.values(got).filter((o) => o.status !== 401).length;

        expect(got).toEqual(
          Object.fromEntries(Object.keys(answers).map((endpoint) => [endpoint, UNAUTHENTICATED])),
        );
        expect(JSON.stringify((await masterGet('/groups')).body)).not.toContain(
          'Made by a disabled admin',
        );
      });
    });
  });
});
