import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signOut } from '../api/sign-in';
import { session, type SessionEndReason } from '../api/session';

/**
 * The server, as the app's client sees it: set up before the client is made (it keeps the
 * `fetch` and `Request` it found), with paths resolved against the page as a browser does.
 */
const server = vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, location.href) : input, init);
    }
  };
  const state = {
    requests: [] as Request[],
    answer: (): Promise<Response> => Promise.resolve(new Response(null, { status: 204 })),
  };
  globalThis.fetch = (input: RequestInfo | URL) => {
    state.requests.push(input as Request);
    return state.answer();
  };
  return state;
});

describe('signOut', () => {
  let ends: SessionEndReason[];
  let stopListening: () => void;

  beforeEach(() => {
    session.start('the.session.token', 900);
    server.requests = [];
    ends = [];
    stopListening = session.onEnd((reason) => ends.push(reason));
  });

  afterEach(() => stopListening());

  it('tells the server with the token, then forgets it', async () => {
    server.answer = () => Promise.resolve(new Response(null, { status: 204 }));

    await signOut();

    expect(
      server.requests.map((request) => [
        request.method,
        new URL(request.url).pathname,
        request.headers.get('Authorization'),
      ]),
    ).toEqual([['POST', '/api/v1/auth/logout', 'Bearer the.session.token']]);
    expect(session.token()).toBeUndefined();
    expect(ends).toEqual(['signed-out']);
  });

  it('forgets the token when the server cannot be told', async () => {
    server.answer = () => Promise.reject(new TypeError('Failed to fetch'));

    await signOut();

    expect(server.requests).toHaveLength(1);
    expect(session.token()).toBeUndefined();
    expect(ends).toEqual(['signed-out']);
  });

  it('is a sign-out, not an expiry, when the server had ended the session already (401)', async () => {
    server.answer = () =>
      Promise.resolve(Response.json({ status: 401, code: 'UNAUTHENTICATED' }, { status: 401 }));

    await signOut();

    expect(server.requests).toHaveLength(1);
    expect(session.token()).toBeUndefined();
    expect(ends).toEqual(['signed-out']);
  });
});
