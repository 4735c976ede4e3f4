import { randomUUID } from 'node:crypto';
import { queryDatabase } from '../support/databases';
import { GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import { API, HttpAbuse } from '../support/http-abuse';
import { expectProblem } from '../support/problems';
import type { Stack } from '../support/stack';

/**
 * Abuse of HTTP itself (issue 6): huge query strings and headers, repeated parameters, unknown
 * routes and methods. Every case expects one answer: the exact status and problem code (or a
 * 2xx where the request is legitimately valid), never a 5xx; nothing is stored; the stack stays
 * up (test/support/http-abuse.ts). Requests Node's HTTP parser refuses before the application
 * sees them (a request head over its 16 KiB limit) get its bare answer, checked byte for byte.
 */
describe('HTTP abuse of the gateway', () => {
  const abuse = HttpAbuse.use('httpabuseheads', 'heads and routes');
  const { send, sendRaw, sendOversizedHead, count } = abuse;
  let stack: Stack, token: string, home: { id: string };
  beforeAll(() => ({ stack, token, home } = abuse));

  describe('huge query strings, repeated parameters and huge headers', () => {
    it('answers a 10 KB search with 400 VALIDATION_FAILED naming q', async () => {
      const response = await send('GET', `${API}/technicians?q=${'a'.repeat(10_000)}`);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
    });

    it.each([
      ['100 KB', 100_000],
      ['1 MB', 1_000_000],
    ])(
      'refuses a %s query string with 431 as soon as the head passes 16 KiB, and stays up',
      async (_, size) => {
        const { status, text } = await sendOversizedHead(
          `GET ${API}/technicians?q=${'a'.repeat(size)} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
            `Authorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
        );
        // Node's own answer (the application never sees the request): no body, then the close.
        expect({ status, text }).toEqual({
          status: 431,
          text: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
        });
        expect((await send('GET', `${API}/health`, { token: null })).status).toBe(200);
      },
    );

    it('refuses a 100 KB query string through fetch without a 5xx', async () => {
      const response = await fetch(
        `${stack.api.baseUrl}${API}/technicians?q=${'a'.repeat(100_000)}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      count(response.status);
      expect(response.status).toBe(431);
    });

    it.each([
      ['limit', (i: number) => `limit=${i}`],
      ['cursor', (i: number) => `cursor=c${i}`],
      ['q', (i: number) => `q=a${i}`],
      ['groupId', () => `groupId=${randomUUID()}`],
    ])('answers 300 repeated %s parameters with 400 VALIDATION_FAILED', async (field, part) => {
      // 300 of them stay within Node's 16 KiB limit on a request head.
      const query = Array.from({ length: 300 }, (_, i) => part(i + 1)).join('&');
      const response = await send('GET', `${API}/technicians?${query}`);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    });

    it('answers 1,000 distinct unknown parameters with 400 VALIDATION_FAILED', async () => {
      const query = Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&');
      expectProblem(await send('GET', `${API}/technicians?${query}`), 400, 'VALIDATION_FAILED');
    });

    it('answers a 12 KB Authorization header with 401 UNAUTHENTICATED', async () => {
      const response = await send('GET', `${API}/me`, {
        token: null,
        headers: { authorization: `Bearer ${'a'.repeat(12_000)}` },
      });
      expectProblem(response, 401, 'UNAUTHENTICATED');
    });

    it('answers an 8 KB Idempotency-Key with 400 VALIDATION_FAILED naming it, creating nothing', async () => {
      const email = uniqueEmail('big-key');
      const response = await send('POST', `${API}/groups/${home.id}/technicians`, {
        body: { name: 'Big key', email, password: GOOD_PASSWORD },
        headers: { 'idempotency-key': 'k'.repeat(8_000) },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      const accounts = await queryDatabase(
        stack.env.databases.org,
        'SELECT id FROM accounts WHERE email_normalized = $1',
        [email],
      );
      expect(accounts).toEqual([]);
    });

    it.each([
      ['a 20 KB header value', `X-Huge: ${'h'.repeat(20_000)}\r\n`],
      ['a 1 MB header value', `X-Huge: ${'h'.repeat(1_000_000)}\r\n`],
      ['3,000 headers', Array.from({ length: 3000 }, (_, i) => `X-H${i}: v\r\n`).join('')],
    ])('refuses %s with 431 (Node: the head passes 16 KiB), and stays up', async (_, headers) => {
      const { status, text } = await sendOversizedHead(
        `GET ${API}/health HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`,
      );
      expect({ status, text }).toEqual({
        status: 431,
        text: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
      });
      expect((await send('GET', `${API}/health`, { token: null })).status).toBe(200);
    });
  });

  describe('unknown routes and methods', () => {
    it.each([
      ['GET', `${API}/nope`],
      ['GET', `${API}/groups/${randomUUID()}/nope`],
      ['POST', `${API}/nope`],
      ['GET', '/api/v2/groups'],
      ['POST', '/nope'],
      ['GET', `${API}`],
    ])('answers %s %s with 404 ROUTE_NOT_FOUND problem+json', async (method, url) => {
      for (const auth of [token, null]) {
        const response = await send(method, url, { token: auth });
        expectProblem(response, 404, 'ROUTE_NOT_FOUND');
      }
    });

    // Outside /api and /docs, a GET is a page of the web app: its index.html, whatever the
    // path (the app shows its own "Page not found"), and never a file from elsewhere.
    it.each([
      '/nope',
      '/groups/00000000-0000-4000-8000-000000000000',
      `${API}/../../etc/passwd`,
      `${API}/%2e%2e/%2e%2e/etc/passwd`,
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/assets/..%2f..%2fpackage.json',
    ])('answers GET %s with the web app, never a file outside it', async (url) => {
      const response = await send('GET', url, { token: null });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.text).toContain('<div id="root"></div>');
      expect(response.text).not.toMatch(/root:x:0:0|"name": "rescue-admin-center"/);
    });

    it.each([
      ['PUT', '/groups'],
      ['DELETE', '/auth/login'],
      ['PATCH', '/health'],
      ['PUT', '/technicians'],
      ['POST', '/me'],
      ['DELETE', '/administrators'],
      ['PUT', '/imports'],
    ])('answers %s %s (no such method there) with 404 ROUTE_NOT_FOUND', async (method, route) => {
      for (const auth of [token, null]) {
        const response = await send(method, `${API}${route}`, {
          token: auth,
          ...(method === 'DELETE' ? {} : { body: {} }),
        });
        expectProblem(response, 404, 'ROUTE_NOT_FOUND');
      }
    });

    it.each(['TRACE', 'PROPFIND', 'MKCOL', 'LINK'])(
      'answers %s with 404 ROUTE_NOT_FOUND, and the stack stays up',
      async (method) => {
        const { status, text } = await sendRaw(
          `${method} ${API}/groups HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
        );
        // Node's parser knows these methods: the application answers, as for any unknown route.
        expect({ method, status }).toEqual({ method, status: 404 });
        expect(text).toMatch(/\r\ncontent-type: application\/problem\+json/i);
        expect(text).toMatch(/"code":"ROUTE_NOT_FOUND"/);
        expect((await send('GET', `${API}/health`, { token: null })).status).toBe(200);
      },
    );

    it('answers a request line that is not HTTP with 400 and stays up', async () => {
      const { status } = await sendRaw('HELLO THERE\r\n\r\n');
      expect(status).toBe(400);
      expect((await send('GET', `${API}/health`, { token: null })).status).toBe(200);
    });
  });

  describe('the stack afterwards', () => {
    it('is healthy, every service process is running, and no 5xx was counted', async () => {
      await abuse.expectWhole();
    });
  });
});
