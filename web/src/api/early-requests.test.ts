import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { askEarly, takeEarly } from './early-requests';
import { session } from './session';

/**
 * The server, as the app's client sees it (as in audit-events.test.ts): set up before the
 * client is made, with paths resolved against the page as a browser does.
 */
const server = vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, location.href) : input, init);
    }
  };
  const state = { asked: [] as { path: string; authorization: string | null }[] };
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    state.asked.push({
      path: url.pathname + url.search,
      authorization: request.headers.get('Authorization'),
    });
    const body = url.pathname.endsWith('/me')
      ? { id: 'a', role: 'master_administrator' }
      : { items: [{ id: 'g', name: 'Support' }], nextCursor: null };
    return Promise.resolve(
      new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }),
    );
  };
  return state;
});

/** public/early-requests.js, run as index.html runs it. */
const runEarlyScript = (): void =>
  void runInThisContext(readFileSync(`${__dirname}/../../public/early-requests.js`, 'utf8'));

describe('the early requests', () => {
  beforeEach(() => {
    server.asked = [];
    window.__earlyAnswers = undefined;
  });
  afterEach(() => session.end('signed-out'));

  it('the app takes what early-requests.js asked for, and asks nothing twice', async () => {
    session.start('the.session.token', 900);
    runEarlyScript();
    expect(server.asked).toEqual([
      { path: '/api/v1/me', authorization: 'Bearer the.session.token' },
      { path: '/api/v1/groups/roots?limit=200', authorization: 'Bearer the.session.token' },
    ]);

    askEarly();
    await expect(takeEarly('me')).resolves.toMatchObject({ id: 'a' });
    await expect(takeEarly('roots')).resolves.toEqual([{ id: 'g', name: 'Support' }]);
    // Both answers were taken from the script's requests: the app sent none of its own.
    expect(server.asked).toHaveLength(2);
  });

  it('an answer is taken once: the next read asks the API', async () => {
    session.start('the.session.token', 900);
    runEarlyScript();
    askEarly();
    await takeEarly('roots');
    askEarly();
    await takeEarly('roots');
    expect(server.asked.map((request) => request.path)).toEqual([
      '/api/v1/me',
      '/api/v1/groups/roots?limit=200',
      '/api/v1/me',
      '/api/v1/groups/roots?limit=200',
    ]);
  });

  it('without the script (not in yet), the app asks for itself', async () => {
    session.start('the.session.token', 900);
    askEarly();
    await expect(takeEarly('roots')).resolves.toEqual([{ id: 'g', name: 'Support' }]);
    expect(server.asked.map((request) => request.path)).toEqual([
      '/api/v1/me',
      '/api/v1/groups/roots?limit=200',
    ]);
  });

  it('signed out, or with a session that has ended, the script asks nothing', () => {
    runEarlyScript();
    sessionStorage.setItem(
      'rac.session',
      JSON.stringify({ token: 'old', expiresAt: Date.now() - 1_000 }),
    );
    runEarlyScript();
    expect(server.asked).toEqual([]);
    expect(window.__earlyAnswers).toBeUndefined();
  });
});
