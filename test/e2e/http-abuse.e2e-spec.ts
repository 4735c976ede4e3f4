import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { ApiResponse } from '../support/api-client';
import { queryDatabase } from '../support/databases';
import { crashedServices, recordFigures } from '../support/figures';
import { createGroup, createTechnician, GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { Stack } from '../support/stack';
import { expectProblem } from '../support/problems';

/**
 * Abuse of HTTP itself (issue 6): oversized and deeply nested bodies, wrong content types,
 * bodies that are not JSON objects, `__proto__`/`constructor`/`prototype` keys, invalid
 * UUIDs in every path, huge query strings and headers, repeated parameters, unknown routes
 * and methods. Every case expects one answer: the exact status and problem code (or a 2xx
 * where the request is legitimately valid), never a 5xx; nothing is stored; the stack
 * stays up. Requests Node's HTTP parser refuses before the application sees them (a
 * request head over its 16 KiB limit) get its bare answer, checked byte for byte.
 */

const API = '/api/v1';

/** What this file sent and got back, for test-results/figures.jsonl. */
const figures = {
  requests: 0,
  status5xx: 0,
  connectionsClosedWithoutAnswer: 0,
  byStatus: {} as Record<string, number>,
};
function count(status: number): void {
  figures.requests += 1;
  figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
  if (status >= 500) figures.status5xx += 1;
}

describe('HTTP abuse of the gateway', () => {
  let stack: Stack;
  let token: string;
  let home: { id: string };
  let technician: { id: string };
  let importId: string;

  beforeAll(async () => {
    stack = await Stack.start('httpabuse');
    token = await stack.adminToken();
    home = await createGroup(stack.api, token, { name: 'Abuse home' });
    technician = await createTechnician(stack.api, token, home.id);
    const upload = await uploadImport(
      stack,
      token,
      csvImportFile([
        technicianRow(home.id, { email: uniqueEmail('abuse'), password: 'Imp-Pace-51' }),
      ]),
    );
    expect(upload.status).toBe(202);
    importId = upload.body.id;
    await waitForImport(stack, token, importId);
  });

  afterAll(async () => {
    recordFigures({ suite: 'http-abuse', ...figures, crashes: crashedServices(stack) });
    await stack?.stop();
  });

  /** One request through fetch, counted. */
  async function send(
    method: string,
    url: string,
    options: {
      body?: unknown;
      rawBody?: RequestInit['body'];
      token?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiResponse> {
    const response = await stack.api.request(method, url, {
      body: options.body,
      rawBody: options.rawBody,
      headers: options.headers,
      token: options.token === null ? undefined : (options.token ?? token),
    });
    count(response.status);
    return response;
  }

  /**
   * One request written to a socket as raw bytes; resolves with the status line's code (0
   * when the server closed the connection without answering) once the server closes it.
   */
  function sendRaw(request: Buffer | string): Promise<{ status: number; text: string }> {
    return new Promise((resolve) => {
      const socket = net.connect(stack.env.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      // Writing may fail once the server has answered and closed: the answer is what counts.
      socket.on('error', () => undefined);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
        if (status) count(status);
        else figures.connectionsClosedWithoutAnswer += 1;
        resolve({ status, text });
      });
      socket.end(request);
    });
  }

  /**
   * Node refuses a request head past its limit (16 KiB, --max-http-header-size) as soon as
   * it has read past it: it writes 431 and closes the connection, whatever else is coming.
   * A client still writing the rest of a huge head at that moment races the close: when
   * unread bytes are left the server's kernel resets the connection, the client's next
   * write fails (EPIPE) and Node destroys the socket before the 431 waiting in it is read
   * (status 0: the flake of issue 10). So at most the first 32 KiB go, in one write the
   * kernel takes at once: past the limit even for heads of many short lines, and all the
   * server reads before it answers. Then the client only reads.
   */
  const HEAD_SENT = 32 * 1024;
  function sendOversizedHead(head: string): Promise<{ status: number; text: string }> {
    const bytes = Buffer.from(head, 'latin1');
    return new Promise((resolve, reject) => {
      const socket = net.connect(stack.env.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
        if (status) count(status);
        else figures.connectionsClosedWithoutAnswer += 1;
        resolve({ status, text });
      });
      socket.on('connect', () => {
        socket.write(bytes.subarray(0, HEAD_SENT));
        // Nothing left for a later write to fail on: the kernel took it all.
        if (socket.writableLength !== 0)
          reject(new Error('the kernel did not take 32 KiB at once'));
      });
    });
  }

  const groupCount = async () =>
    Number(
      (
        await queryDatabase<{ n: string }>(
          stack.env.databases.org,
          'SELECT count(*) AS n FROM groups',
        )
      )[0].n,
    );

  describe('oversized JSON bodies', () => {
    it('answers a body just over 64 KiB with 413 PAYLOAD_TOO_LARGE and creates nothing', async () => {
      const before = await groupCount();
      const response = await send('POST', `${API}/groups`, {
        body: { name: 'Too big', description: 'x'.repeat(64 * 1024) },
      });
      expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
      expect(await groupCount()).toBe(before);
    });

    it('reads a body just under 64 KiB (then refuses the too long description as 400)', async () => {
      const response = await send('POST', `${API}/groups`, {
        body: { name: 'Nearly too big', description: 'x'.repeat(64 * 1024 - 100) },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'description', code: 'FIELD_TOO_LONG' }),
      ]);
    });

    it('answers a 10 MiB body with 413 PAYLOAD_TOO_LARGE, signed in or not', async () => {
      const huge = JSON.stringify({
        email: 'a@example.com',
        password: 'x'.repeat(10 * 1024 * 1024),
      });
      expectProblem(
        await send('POST', `${API}/auth/login`, {
          rawBody: huge,
          token: null,
          headers: { 'content-type': 'application/json' },
        }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expectProblem(
        await send('POST', `${API}/groups`, {
          rawBody: huge,
          headers: { 'content-type': 'application/json' },
        }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
    });

    it('answers a 10 MiB body sent in chunks, without a length, with 413 PAYLOAD_TOO_LARGE', async () => {
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"name":"chunked","description":"'));
        },
        pull(controller) {
          if (sent >= 160) return controller.close();
          sent += 1;
          controller.enqueue(chunk);
        },
      });
      const response = await fetch(`${stack.api.baseUrl}${API}/groups`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      });
      count(response.status);
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(await response.text())).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });
  });

  describe('content types', () => {
    it.each([
      ['text/plain', 'text/plain'],
      ['application/xml', 'application/xml'],
      ['form-urlencoded', 'application/x-www-form-urlencoded'],
      ['JSON in another charset', 'application/json; charset=latin1'],
      ['a JSON-like type', 'application/json-patch+json'],
    ])('answers a %s body on a JSON endpoint with 415 UNSUPPORTED_MEDIA_TYPE', async (_, type) => {
      const before = await groupCount();
      const response = await send('POST', `${API}/groups`, {
        rawBody: type.includes('urlencoded') ? 'name=Form%20group' : '{"name":"Typed group"}',
        headers: { 'content-type': type },
      });
      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await groupCount()).toBe(before);
    });

    it('answers a body without a content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const before = await groupCount();
      const response = await send('POST', `${API}/groups`, {
        rawBody: new TextEncoder().encode('{"name":"Untyped group"}'),
      });
      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await groupCount()).toBe(before);
    });

    it('answers the sign-in with a form body with 415, before any password is checked', async () => {
      const response = await send('POST', `${API}/auth/login`, {
        rawBody: `email=${encodeURIComponent(stack.adminEmail)}&password=${encodeURIComponent(stack.adminPassword)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        token: null,
      });
      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers a multipart body on a JSON endpoint with 415 UNSUPPORTED_MEDIA_TYPE, creating nothing', async () => {
      const before = await groupCount();
      const form = new FormData();
      form.append('name', 'Multipart group');
      const response = await send('POST', `${API}/groups`, { rawBody: form });
      // Only the upload route reads multipart: anywhere else it is a body read as nothing.
      expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await groupCount()).toBe(before);
    });
  });

  describe('bodies that are not a JSON object', () => {
    it.each([
      ['cut short', '{"name": '],
      ['unquoted keys', '{name: "x"}'],
      ['single quotes', "{'name': 'x'}"],
      ['a trailing comma', '{"name": "x",}'],
      ['NaN', '{"name": NaN}'],
      ['two documents', '{"name": "x"}{"name": "y"}'],
      ['garbage', '\u0000\u0001\u0002'],
    ])('answers JSON with %s with 400 MALFORMED_JSON', async (_, text) => {
      const response = await send('POST', `${API}/groups`, {
        rawBody: text,
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(response, 400, 'MALFORMED_JSON');
    });

    it.each([
      ['a string', '"name"'],
      ['null', 'null'],
      ['a number', '42'],
      ['true', 'true'],
    ])('answers %s as the body with 400 MALFORMED_JSON (a body is an object)', async (_, text) => {
      const before = await groupCount();
      const response = await send('POST', `${API}/groups`, {
        rawBody: text,
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(response, 400, 'MALFORMED_JSON');
      expect(await groupCount()).toBe(before);
    });

    it.each([
      ['an empty array', '[]'],
      ['an array of a valid body', '[{"name":"In an array"}]'],
    ])(
      'answers %s as the body with 400 VALIDATION_FAILED, every error naming a field',
      async (_, text) => {
        const before = await groupCount();
        const response = await send('POST', `${API}/groups`, {
          rawBody: text,
          headers: { 'content-type': 'application/json' },
        });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(await groupCount()).toBe(before);
      },
    );
  });

  describe('deeply nested JSON', () => {
    const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const objects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

    it.each([
      ['10,000 nested arrays as the body', () => arrays(10_000)],
      ['10,000 nested objects as the body', () => objects(10_000)],
      ['10,000 nested arrays as a field', () => `{"name":${arrays(10_000)}}`],
      [
        '10,000 nested objects as a field',
        () => `{"name":"Deep","description":${objects(10_000)}}`,
      ],
      [
        '10,000 nested arrays as the permissions',
        () => `{"name":"Deep","permissions":${arrays(10_000)}}`,
      ],
      [
        '10,000 nested objects as an unknown field',
        () => `{"name":"Deep","deep":${objects(10_000)}}`,
      ],
    ])('answers %s with 400 MALFORMED_JSON and creates nothing', async (_, text) => {
      const before = await groupCount();
      const response = await send('POST', `${API}/groups`, {
        rawBody: text(),
        headers: { 'content-type': 'application/json' },
      });
      // Bodies nest at most 32 levels: refused before any validator walks them.
      expectProblem(response, 400, 'MALFORMED_JSON');
      expect(response.body.errors).toEqual([]);
      expect(await groupCount()).toBe(before);
    });

    it('answers 10,000 nested arrays as the sign-in body with 400 MALFORMED_JSON', async () => {
      const response = await send('POST', `${API}/auth/login`, {
        rawBody: `{"email":${arrays(10_000)},"password":"x"}`,
        headers: { 'content-type': 'application/json' },
        token: null,
      });
      expectProblem(response, 400, 'MALFORMED_JSON');
    });
  });

  describe('__proto__, constructor and prototype keys', () => {
    const pollution = [
      ['__proto__ at the top', '{"name":"Polluter","__proto__":{"polluted":"yes"}}', '__proto__'],
      [
        'constructor.prototype at the top',
        '{"name":"Polluter","constructor":{"prototype":{"polluted":"yes"}}}',
        'constructor',
      ],
      ['prototype at the top', '{"name":"Polluter","prototype":{"polluted":"yes"}}', 'prototype'],
      [
        '__proto__ nested in an unknown field',
        '{"name":"Polluter","nested":{"__proto__":{"polluted":"yes"}}}',
        'nested',
      ],
      ['__proto__ nested in a known field', '{"name":{"__proto__":{"polluted":"yes"}}}', 'name'],
      [
        'constructor nested in the permissions',
        '{"name":"Polluter","permissions":[{"constructor":{"prototype":{"polluted":"yes"}}}]}',
        'permissions',
      ],
    ];

    it.each(pollution)(
      'refuses %s with 400 VALIDATION_FAILED naming the field, creating nothing',
      async (_, text, field) => {
        const before = await groupCount();
        const response = await send('POST', `${API}/groups`, {
          rawBody: text,
          headers: { 'content-type': 'application/json' },
        });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        // The field itself, or the path of the forbidden key inside it (name.__proto__).
        const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
        expect(fields.some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
        expect(await groupCount()).toBe(before);
      },
    );

    it.each([
      ['PATCH /groups/:id', () => `${API}/groups/${home.id}`, 'PATCH'],
      ['PATCH /technicians/:id', () => `${API}/technicians/${technician.id}`, 'PATCH'],
      ['POST /auth/login', () => `${API}/auth/login`, 'POST'],
      ['PUT /settings/password-policy', () => `${API}/settings/password-policy`, 'PUT'],
    ])('%s refuses a __proto__ key with 400 VALIDATION_FAILED', async (_, url, method) => {
      const response = await send(method, url(), {
        rawBody: '{"__proto__":{"polluted":"yes","role":"master_admin"}}',
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });

    it.each([
      '__proto__[polluted]=yes',
      'constructor[prototype][polluted]=yes',
      '__proto__=x',
      'constructor=x',
      'prototype=x',
    ])('refuses the query parameter %s with 400 VALIDATION_FAILED', async (query) => {
      const response = await send('GET', `${API}/technicians?${query}`);
      expectProblem(response, 400, 'VALIDATION_FAILED');
    });

    it('leaves no pollution behind: later requests behave normally and answers have no polluted member', async () => {
      const created = await send('POST', `${API}/groups`, { body: { name: 'After pollution' } });
      expect(created.status).toBe(201);
      const read = await send('GET', `${API}/groups/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(Object.keys(read.body).sort()).toEqual(
        ['description', 'id', 'name', 'parentId', 'permissions', 'technicianCount'].sort(),
      );
      expect(read.body.polluted).toBeUndefined();
      const refused = await send('POST', `${API}/groups`, { body: {} });
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.polluted).toBeUndefined();
      const me = await send('GET', `${API}/me`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ role: 'master_admin' });
      expect(me.body.polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('invalid UUIDs in paths', () => {
    const INVALID = [
      'not-a-uuid',
      '1',
      "' OR '1'='1",
      'x'.repeat(300),
      '00000000-0000-0000-0000-00000000000g',
      '0000000000000000000000000000000',
      `{${randomUUID()}}`,
      `${randomUUID()}-0`,
      randomUUID().replace(/-/g, ''),
      '%00',
      '%E2%80%AE',
      '..%2F..%2Fhealth',
    ];
    const ROUTES: [string, string, () => unknown][] = [
      ['GET', '/groups/:id', () => undefined],
      ['PATCH', '/groups/:id', () => ({ name: 'Renamed' })],
      ['DELETE', '/groups/:id', () => undefined],
      ['GET', '/groups/:id/technicians', () => undefined],
      [
        'POST',
        '/groups/:id/technicians',
        () => ({ name: 'T', email: uniqueEmail('uuid'), password: GOOD_PASSWORD }),
      ],
      ['GET', '/technicians/:id', () => undefined],
      ['PATCH', '/technicians/:id', () => ({ name: 'Renamed' })],
      ['DELETE', '/technicians/:id', () => undefined],
      ['POST', '/technicians/:id/move', () => ({ groupId: home.id })],
      ['POST', '/technicians/:id/password', () => ({ password: GOOD_PASSWORD })],
      ['PATCH', '/administrators/:id', () => ({ name: 'Renamed' })],
      ['GET', '/imports/:id', () => undefined],
      ['GET', '/imports/:id/items', () => undefined],
      ['GET', '/imports/:id/report.csv', () => undefined],
      ['POST', '/imports/:id/cancel', () => undefined],
    ];

    it.each(ROUTES.map(([method, route, body]) => [`${method} ${route}`, method, route, body]))(
      '%s answers every invalid id with 400 VALIDATION_FAILED naming the parameter id',
      async (_, method, route, body) => {
        for (const id of INVALID) {
          const response = await send(method, `${API}${route.replace(':id', id)}`, {
            body: body(),
          });
          expect({ id, status: response.status }).toEqual({ id, status: 400 });
          expectProblem(response, 400, 'VALIDATION_FAILED');
          expect(response.body.errors).toEqual([
            expect.objectContaining({ field: 'id', code: 'INVALID_UUID' }),
          ]);
        }
      },
    );

    it.each(['%', '%E0%A4%A', '%zz', '%C0%AF'])(
      'answers the malformed percent-encoding %s in a path id with 400 VALIDATION_FAILED',
      async (id) => {
        expectProblem(await send('GET', `${API}/groups/${id}`), 400, 'VALIDATION_FAILED');
      },
    );
  });

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
      const health = await send('GET', `${API}/health`, { token: null });
      expect(health.status).toBe(200);
      for (const [name, service] of Object.entries(stack.services)) {
        expect({ name, running: service.running }).toEqual({ name, running: true });
      }
      expect(figures.status5xx).toBe(0);
      const me = await send('GET', `${API}/me`);
      expect(me.status).toBe(200);
    });
  });
});
