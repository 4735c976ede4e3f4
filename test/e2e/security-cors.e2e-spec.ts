import { API, SecuritySuite } from '../support/security-suite';
import { Stack } from '../support/stack';

/**
 * Security checks of issue 6 (spec §2 and §3): CORS closed unless configured, on a default
 * stack and on one started with CORS_ORIGINS; no password of the suite is left in the databases
 * or logs (test/support/security-suite.ts).
 */
describe('Security checks', () => {
  const security = SecuritySuite.use('securitycorsoff', 'cors');
  const { figures } = security;
  let stack: Stack, masterToken: string;
  beforeAll(() => ({ stack, masterToken } = security));

  describe('CORS is closed unless configured', () => {
    const ALLOWED = 'https://admin.example.com';
    const CORS_HEADERS = [
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'access-control-allow-methods',
      'access-control-allow-headers',
      'access-control-expose-headers',
    ];

    async function preflight(base: string, origin: string, route = `${API}/groups`) {
      figures.corsRequests += 1;
      const response = await fetch(`${base}${route}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
      await response.arrayBuffer();
      return response;
    }

    async function simpleGet(base: string, origin: string, token?: string) {
      figures.corsRequests += 1;
      const headers: Record<string, string> = { origin };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${base}${API}/me`, { headers });
      await response.arrayBuffer();
      return response;
    }

    const corsHeaders = (response: Response) =>
      Object.fromEntries(
        CORS_HEADERS.map((name) => [name, response.headers.get(name)]).filter(([, v]) => v),
      );

    describe('on the default stack (CORS_ORIGINS unset)', () => {
      it.each([ALLOWED, 'https://evil.example.com', 'null'])(
        'answers a preflight from %s without any Access-Control-Allow-* header',
        async (origin) => {
          const response = await preflight(stack.api.baseUrl, origin);
          expect(corsHeaders(response)).toEqual({});
        },
      );

      it.each([ALLOWED, 'https://evil.example.com'])(
        'answers a GET with Origin %s (with a real token) without Access-Control-Allow-Origin, though it answers it',
        async (origin) => {
          const response = await simpleGet(stack.api.baseUrl, origin, masterToken);
          expect(response.status).toBe(200);
          expect(corsHeaders(response)).toEqual({});
        },
      );
    });

    describe(`on a stack started with CORS_ORIGINS=${ALLOWED}`, () => {
      let corsStack: Stack;

      beforeAll(async () => {
        corsStack = await Stack.start('securitycors', { CORS_ORIGINS: ALLOWED });
      });

      afterAll(async () => {
        await corsStack?.stop();
      });

      it('allows that origin in a preflight, with Authorization and Idempotency-Key among the allowed headers', async () => {
        const response = await preflight(corsStack.api.baseUrl, ALLOWED);

        expect(response.status).toBeLessThan(300);
        expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
        const allowedHeaders = (response.headers.get('access-control-allow-headers') ?? '')
          .toLowerCase()
          .split(/\s*,\s*/);
        expect(allowedHeaders).toEqual(
          expect.arrayContaining(['authorization', 'idempotency-key']),
        );
        expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
        expect(response.headers.get('vary') ?? '').toMatch(/origin/i);
      });

      it('allows that origin on a GET, with Vary: Origin', async () => {
        const token = await corsStack.adminToken();
        const response = await simpleGet(corsStack.api.baseUrl, ALLOWED, token);

        expect(response.status).toBe(200);
        expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
        expect(response.headers.get('vary') ?? '').toMatch(/origin/i);
      });

      it.each([
        'https://evil.example.com',
        'http://admin.example.com',
        'https://admin.example.com.evil.com',
        'https://evil-admin.example.com',
        'null',
      ])('does not allow %s (preflight or GET)', async (origin) => {
        const pre = await preflight(corsStack.api.baseUrl, origin);
        const get = await simpleGet(corsStack.api.baseUrl, origin);

        expect(pre.headers.get('access-control-allow-origin')).toBeNull();
        expect(get.headers.get('access-control-allow-origin')).toBeNull();
        expect(pre.headers.get('access-control-allow-origin')).not.toBe('*');
      });
    });
  });
});
