import { API, HttpAbuse } from '../../support/http-abuse';
import { expectProblem } from '../../support/problems';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';

/**
 * Abuse of HTTP itself (issue 6), the bodies: oversized (also chunked without a length) and
 * deeply nested bodies, wrong or missing content types, bodies that are not JSON objects. Every
 * case expects one answer: the exact status and problem code (or a 2xx where the request is
 * legitimately valid), never a 5xx; nothing is stored; the stack stays up
 * (test/support/http-abuse.ts).
 */
const abuse = sharedSession<HttpAbuse>();
const { send, groupCount, count } = abuse;
let stack: Stack, token: string;
beforeAll(() => ({ stack, token } = abuse));

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
      // Node's fetch streams a body with `duplex`; DOM's RequestInit (which @xmldom's types
      // bring in) does not name it.
    } as RequestInit);
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
    ['10,000 nested objects as a field', () => `{"name":"Deep","description":${objects(10_000)}}`],
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
