import { mkdirSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { ApiClient, ApiResponse } from '../support/api-client';
import { createAdministrator } from '../support/fixtures';
import { PrivateRedis } from '../support/private-redis';
import { ServiceProcess } from '../support/service-process';
import { Stack } from '../support/stack';
import { freePort } from '../support/test-env';

/**
 * The gateway's rate limits (issue 10): per account of a verified token and per client
 * address, counted in Redis and so shared by every gateway, answered past a limit with 429
 * TOO_MANY_REQUESTS, Retry-After and the IETF RateLimit fields. The stack sits behind a
 * pretend proxy (TRUST_PROXY), so each test sends from client addresses of its own and the
 * harness (polling /health from 127.0.0.1) spends nothing of theirs.
 */

const PER_TOKEN = 6;
const PER_ADDRESS = 150;
const WINDOW_SECONDS = 60;
const API = '/api/v1';

/** `"token";r=0;t=42, "address";r=9;t=42` as { token: { r: 0, t: 42 }, address: { r: 9, t: 42 } }. */
function parseMembers(field: string | null): Record<string, Record<string, number>> {
  const members: Record<string, Record<string, number>> = {};
  for (const member of (field ?? '').split(',').map((part) => part.trim())) {
    const [name, ...params] = member.split(';');
    if (!name) continue;
    members[JSON.parse(name) as string] = Object.fromEntries(
      params.map((param) => {
        const [key, value] = param.split('=');
        return [key, Number(value)];
      }),
    );
  }
  return members;
}

const limits = (response: ApiResponse) => ({
  policy: parseMembers(response.headers.get('ratelimit-policy')),
  state: parseMembers(response.headers.get('ratelimit')),
});

describe('Rate limits', () => {
  let stack: Stack;
  const tokens: string[] = [];
  const extraGateways: ServiceProcess[] = [];
  let privateRedis: PrivateRedis | undefined;
  let addressCounter = 0;

  beforeAll(async () => {
    stack = await Stack.start('ratelimit', {
      TRUST_PROXY: '1',
      RATE_LIMIT_PER_TOKEN: String(PER_TOKEN),
      RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
    const admin = await stack.adminToken();
    // Accounts of their own for the tests, each with a fresh budget (these creates spend 5
    // of the administrator's).
    for (let i = 0; i < 5; i++) {
      const created = await createAdministrator(stack.api, admin, { role: 'master_admin' });
      tokens.push(await stack.api.login(created.email, created.password));
    }
  });

  afterAll(async () => {
    for (const gateway of extraGateways) {
      await gateway.stop();
      gateway.close();
    }
    await privateRedis?.stop();
    await stack?.stop();
  });

  const freshAddress = () => `203.0.113.${++addressCounter}`;
  const me = (token: string | undefined, address: string, api = stack.api) =>
    api.request('GET', `${API}/me`, {
      token,
      headers: { 'x-forwarded-for': address },
    });

  /** Another gateway process of the same stack (same settings, another port and log). */
  async function startGateway(label: string, vars: Record<string, string> = {}) {
    const port = await freePort();
    const logDir = path.join(stack.env.logDir, label);
    mkdirSync(logDir, { recursive: true });
    const gateway = new ServiceProcess(
      'gateway',
      { ...stack.env.vars, PORT: String(port), ...vars },
      logDir,
    );
    extraGateways.push(gateway);
    await gateway.start();
    return { gateway, api: new ApiClient(`http://127.0.0.1:${port}`) };
  }

  it('refuses an account past its limit: 429 problem+json, Retry-After, RateLimit fields', async () => {
    const [token, otherToken] = tokens;
    const address = freshAddress();
    for (let i = 1; i <= PER_TOKEN; i++) {
      const answer = await me(token, address);
      expect(answer.status).toBe(200);
      expect(limits(answer).policy).toEqual({
        address: { q: PER_ADDRESS, w: WINDOW_SECONDS },
        token: { q: PER_TOKEN, w: WINDOW_SECONDS },
      });
      expect(limits(answer).state.token.r).toBe(PER_TOKEN - i);
      expect(limits(answer).state.address.r).toBe(PER_ADDRESS - i);
    }

    const refused = await me(token, address);

    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      status: 429,
      code: 'TOO_MANY_REQUESTS',
      type: 'urn:rac:problem:TOO_MANY_REQUESTS',
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(limits(refused).state.token).toEqual({ r: 0, t: retryAfter });
    expect(limits(refused).policy.token).toEqual({ q: PER_TOKEN, w: WINDOW_SECONDS });

    // Another account from the same address still has its own budget.
    const other = await me(otherToken, address);
    expect(other.status).toBe(200);
    expect(limits(other).state.token.r).toBe(PER_TOKEN - 1);
  });

  it('counts per token only what a verified token names: a forged one spends nothing of its account', async () => {
    const victim = tokens[1];
    const { sub, org } = jwt.decode(victim) as { sub: string; org: string };
    const forged = jwt.sign({ sub, org, role: 'master_admin', mcp: false }, 'not-the-secret', {
      issuer: 'rac-identity',
      audience: 'rac-api',
      expiresIn: 600,
    });
    const address = freshAddress();
    const before = limits(await me(victim, address)).state.token.r;

    for (let i = 0; i < PER_TOKEN; i++) {
      const answer = await me(forged, address);
      expect(answer.status).toBe(401);
      expect(Object.keys(limits(answer).state)).toEqual(['address']);
    }

    const after = await me(victim, address);
    expect(after.status).toBe(200);
    expect(limits(after).state.token.r).toBe(before - 1);
  });

  it('limits a client address, signed in or not, sign-in included, and not its neighbours', async () => {
    const address = freshAddress();
    for (let i = 1; i <= PER_ADDRESS; i++) {
      // Without a token (401) and sign-ins refused by validation (400): both count.
      const answer =
        i % 2
          ? await me(undefined, address)
          : await stack.api.request('POST', `${API}/auth/login`, {
              body: {},
              headers: { 'x-forwarded-for': address },
            });
      expect(answer.status).toBe(i % 2 ? 401 : 400);
      expect(limits(answer).state.address.r).toBe(PER_ADDRESS - i);
    }

    const signIn = await stack.api.request('POST', `${API}/auth/login`, {
      body: { email: stack.adminEmail, password: stack.adminPassword },
      headers: { 'x-forwarded-for': address },
    });
    expect(signIn.status).toBe(429);
    expect(signIn.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(signIn.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limits(signIn).state.address.r).toBe(0);

    const signedIn = await me(tokens[2], address);
    expect(signedIn.status).toBe(429);
    expect(signedIn.body.code).toBe('TOO_MANY_REQUESTS');

    const elsewhere = await me(tokens[2], freshAddress());
    expect(elsewhere.status).toBe(200);
  });

  it('counts /health against the address only, never a token', async () => {
    const exhausted = tokens[3];
    const address = freshAddress();
    for (let i = 0; i < PER_TOKEN; i++) expect((await me(exhausted, address)).status).toBe(200);
    expect((await me(exhausted, address)).status).toBe(429);

    const health = await stack.api.request('GET', `${API}/health`, {
      token: exhausted,
      headers: { 'x-forwarded-for': freshAddress() },
    });

    expect(health.status).not.toBe(429); // 200, or 503 if something were down: not refused
    expect(Object.keys(limits(health).state)).toEqual(['address']);
  });

  it('shares the counters between two gateways on one Redis', async () => {
    const { api: secondApi } = await startGateway('second-gateway');
    const token = tokens[4];
    const address = freshAddress();

    for (let i = 1; i <= PER_TOKEN; i++) {
      const answer = await me(token, address, i % 2 ? stack.api : secondApi);
      expect(answer.status).toBe(200);
      expect(limits(answer).state.token.r).toBe(PER_TOKEN - i);
    }

    expect((await me(token, address, stack.api)).status).toBe(429);
    expect((await me(token, address, secondApi)).status).toBe(429);
  });

  it('lets requests through uncounted, with a warning, while Redis does not answer', async () => {
    privateRedis = await PrivateRedis.start();
    const { gateway, api } = await startGateway('gateway-own-redis', {
      REDIS_URL: privateRedis.url,
    });
    const account = tokens[2]; // counted afresh: this gateway's Redis is its own
    const address = freshAddress();
    const counted = await me(account, address, api);
    expect(counted.status).toBe(200);
    expect(limits(counted).state.token).toBeDefined();

    await privateRedis.stop();

    for (let i = 0; i < PER_TOKEN + 1; i++) {
      const answer = await me(account, address, api);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit')).toBeNull();
    }
    await gateway.waitForLine(/rate-limit counters unreachable/);
  });
});
