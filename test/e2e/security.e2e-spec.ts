import amqp from 'amqplib';
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import type { ApiResponse } from '../support/api-client';
import { queryDatabase } from '../support/databases';
import { recordFigures } from '../support/figures';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { RABBITMQ_URL, REDIS_URL } from '../support/infra';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';
import { firehoseOff, firehoseOn } from '../support/firehose';

/**
 * Security checks of issue 6 (spec §2 and §3): forged, tampered, expired and misshapen bearer
 * tokens answer 401; security headers on every kind of answer; CORS closed unless
 * configured; and, after a mixed workload, no password in Redis, in the messages that went
 * through RabbitMQ, in the databases or in the logs (nor base64-, hex- or URL-encoded).
 */

const API = '/api/v1';
const ISSUER = 'rac-identity';
const AUDIENCE = 'rac-api';
const NOW = () => Math.floor(Date.now() / 1000);

/** Every password this file sends anywhere, by what it was used for: the scan looks for each. */
const secrets = new Map<string, string>();
const run = randomBytes(3).toString('hex');
let secretCounter = 0;

/** A fresh password meeting the default policy, unique to this run, with a character URL encoding changes. */
function secret(label: string): string {
  const password = `Sx${run}-${label}#${++secretCounter}Q${randomBytes(3).toString('hex')}`;
  secrets.set(password, label);
  return password;
}

/** A fresh password the default policy refuses (lower case and digits only: two types). */
function weakSecret(label: string): string {
  const password = `weak${run}${++secretCounter}${randomBytes(4).toString('hex')}`.toLowerCase();
  secrets.set(password, label);
  return password;
}

/** Remembers a password made from another (the fixture's changed password). */
function remember(password: string, label: string): string {
  secrets.set(password, label);
  return password;
}

const BOOTSTRAP_PASSWORD = secret('bootstrap');

const base64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

interface Claims {
  sub?: unknown;
  org?: unknown;
  role?: unknown;
  mcp?: unknown;
  [claim: string]: unknown;
}

/** Splits a token into its three parts, its header and claims decoded. */
function decode(token: string): {
  header: Record<string, unknown>;
  claims: Claims;
  signature: string;
} {
  const [header, claims, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()),
    signature,
  };
}

/** A token put together by hand: any header, any claims, an HMAC of `alg` (or none). */
function handMade(
  header: Record<string, unknown>,
  claims: Claims,
  sign?: { hash: 'sha256' | 'sha384' | 'sha512'; key: string },
): string {
  const input = `${base64url(header)}.${base64url(claims)}`;
  if (!sign) return `${input}.`;
  return `${input}.${createHmac(sign.hash, sign.key).update(input).digest('base64url')}`;
}

/** The problem answered for a refused token, as `{status, code}` with its content type checked. */
function outcome(response: ApiResponse): { status: number; code: unknown; problemJson: boolean } {
  return {
    status: response.status,
    code: response.body?.code,
    problemJson: /^application\/problem\+json/.test(response.headers.get('content-type') ?? ''),
  };
}

const UNAUTHENTICATED = { status: 401, code: 'UNAUTHENTICATED', problemJson: true };

/** The sources of one directive of a Content-Security-Policy. */
function directive(policy: string, name: string): string[] {
  const found = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return found ? found.slice(1) : [];
}

describe('Security checks', () => {
  let stack: Stack;
  let masterToken: string;
  let me: { id: string; organizationId: string };
  let group: any;
  let technicianToken: string;
  const figures = {
    tokensTried: 0,
    tokenRequests: 0,
    answersChecked: 0,
    headersChecked: 0,
    corsRequests: 0,
    secretsScanned: 0,
    encodingsPerSecret: 0,
    needles: 0,
    placesScanned: {} as Record<string, number>,
    bytesScanned: 0,
    leaksFound: 0,
    wrongStatuses: 0,
  };

  const masterGet = (route: string) => stack.api.get(`${API}${route}`, masterToken);

  beforeAll(async () => {
    stack = await Stack.start('security', { BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD });
    masterToken = await stack.adminToken();
    me = (await masterGet('/me')).body;
    group = await createGroup(stack.api, masterToken, { name: 'Security' });
    const technician = await createTechnician(stack.api, masterToken, group.id, {
      password: secret('technician-actor'),
    });
    remember(`${technician.password}-New9`, 'technician-actor changed');
    technicianToken = await signInChangingPassword(
      stack.api,
      technician.email,
      technician.password,
    );
  });

  afterAll(async () => {
    recordFigures({ suite: 'security', ...figures });
    await stack?.stop();
  });

  /** Valid claims, as identity's TokenIssuer makes them, for the bootstrap Master Administrator. */
  const masterClaims = (): Claims => ({
    sub: me.id,
    org: me.organizationId,
    role: 'master_admin',
    mcp: false,
  });

  const sign = (claims: Claims, options: jwt.SignOptions = {}, key?: string) =>
    jwt.sign(claims, key ?? stack.env.vars.JWT_SECRET, {
      algorithm: 'HS256',
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: 600,
      ...options,
    });

  // ---------------------------------------------------------------------------------------
  // Bearer tokens.
  // ---------------------------------------------------------------------------------------

  describe('bearer tokens', () => {
    /** A token and the Authorization header it is sent in. */
    interface ForgedToken {
      name: string;
      authorization: () => string;
    }
    const bearer = (make: () => string) => () => `Bearer ${make()}`;

    const forged: ForgedToken[] = [
      {
        name: 'alg none, valid claims, empty signature',
        authorization: bearer(() => handMade({ alg: 'none', typ: 'JWT' }, signedClaims())),
      },
      {
        name: 'alg none, valid claims, the signature of a real token kept',
        authorization: bearer(
          () =>
            handMade({ alg: 'none', typ: 'JWT' }, decode(masterToken).claims) +
            decode(masterToken).signature,
        ),
      },
      {
        name: 'alg "None" (other case), empty signature',
        authorization: bearer(() => handMade({ alg: 'None', typ: 'JWT' }, signedClaims())),
      },
      {
        name: 'alg "NONE", no signature part at all',
        authorization: bearer(() =>
          handMade({ alg: 'NONE', typ: 'JWT' }, signedClaims()).replace(/\.$/, ''),
        ),
      },
      {
        name: "a technician's real token with role changed to master_admin, signature kept",
        authorization: bearer(() => {
          const { claims, signature } = decode(technicianToken);
          const [header] = technicianToken.split('.');
          return `${header}.${base64url({ ...claims, role: 'master_admin' })}.${signature}`;
        }),
      },
      {
        name: "the Master Administrator's real token with one signature character changed",
        authorization: bearer(() => {
          const [header, claims, signature] = masterToken.split('.');
          // The first character carries 6 bits of the signature (the last may be padding only).
          const changed = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
          return `${header}.${claims}.${changed}`;
        }),
      },
      {
        name: "the Master Administrator's real token with its signature cut short",
        authorization: bearer(() => masterToken.slice(0, -4)),
      },
      {
        name: 'expired an hour ago (right secret, issuer and audience)',
        authorization: bearer(() =>
          jwt.sign(
            { ...masterClaims(), iat: NOW() - 7200, exp: NOW() - 3600 },
            stack.env.vars.JWT_SECRET,
            { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE },
          ),
        ),
      },
      {
        name: 'expired a few seconds ago',
        authorization: bearer(() =>
          jwt.sign(
            { ...masterClaims(), iat: NOW() - 905, exp: NOW() - 5 },
            stack.env.vars.JWT_SECRET,
            { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE },
          ),
        ),
      },
      {
        name: 'not valid before an hour from now (nbf)',
        authorization: bearer(() => sign(masterClaims(), { notBefore: 3600 })),
      },
      {
        name: 'signed with another secret',
        authorization: bearer(() =>
          sign(masterClaims(), {}, randomBytes(32).toString('base64url')),
        ),
      },
      {
        name: 'signed with an empty-looking secret ("secret")',
        authorization: bearer(() => sign(masterClaims(), {}, 'secret')),
      },
      {
        name: 'the right secret, the wrong issuer',
        authorization: bearer(() => sign(masterClaims(), { issuer: 'someone-else' })),
      },
      {
        name: 'the right secret, no issuer',
        authorization: bearer(() =>
          jwt.sign(masterClaims(), stack.env.vars.JWT_SECRET, {
            algorithm: 'HS256',
            audience: AUDIENCE,
            expiresIn: 600,
          }),
        ),
      },
      {
        name: 'the right secret, the wrong audience',
        authorization: bearer(() => sign(masterClaims(), { audience: 'another-api' })),
      },
      {
        name: 'the right secret, no audience',
        authorization: bearer(() =>
          jwt.sign(masterClaims(), stack.env.vars.JWT_SECRET, {
            algorithm: 'HS256',
            issuer: ISSUER,
            expiresIn: 600,
          }),
        ),
      },
      {
        name: 'HS512 with the right secret',
        authorization: bearer(() => sign(masterClaims(), { algorithm: 'HS512' })),
      },
      {
        name: 'HS384 with the right secret',
        authorization: bearer(() => sign(masterClaims(), { algorithm: 'HS384' })),
      },
      {
        name: 'RS256 signed with a key pair of its own',
        authorization: bearer(() => {
          const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
          return jwt.sign(masterClaims(), privateKey, {
            algorithm: 'RS256',
            issuer: ISSUER,
            audience: AUDIENCE,
            expiresIn: 600,
          });
        }),
      },
      {
        name: 'labelled RS256 but HMAC-signed with the right secret (key confusion)',
        authorization: bearer(() =>
          handMade({ alg: 'RS256', typ: 'JWT' }, signedClaims(), {
            hash: 'sha256',
            key: stack.env.vars.JWT_SECRET,
          }),
        ),
      },
      {
        name: 'a sub that is not a UUID',
        authorization: bearer(() => sign({ ...masterClaims(), sub: 'admin' })),
      },
      {
        name: 'no sub',
        authorization: bearer(() =>
          sign({ org: me.organizationId, role: 'master_admin', mcp: false }),
        ),
      },
      {
        name: 'an org that is not a UUID',
        authorization: bearer(() => sign({ ...masterClaims(), org: '1 OR 1=1' })),
      },
      {
        name: 'a role that does not exist (superuser)',
        authorization: bearer(() => sign({ ...masterClaims(), role: 'superuser' })),
      },
      {
        name: 'a role written differently (MASTER_ADMIN)',
        authorization: bearer(() => sign({ ...masterClaims(), role: 'MASTER_ADMIN' })),
      },
      {
        name: 'no role',
        authorization: bearer(() => sign({ sub: me.id, org: me.organizationId, mcp: false })),
      },
      {
        name: 'mcp that is not a boolean ("false")',
        authorization: bearer(() => sign({ ...masterClaims(), mcp: 'false' })),
      },
      {
        name: 'the sub of an account that does not exist (right secret)',
        authorization: bearer(() => sign({ ...masterClaims(), sub: randomUUID() })),
      },
      {
        name: 'the right account in an organization that does not exist (right secret)',
        authorization: bearer(() => sign({ ...masterClaims(), org: randomUUID() })),
      },
      {
        name: 'a real token without "Bearer"',
        authorization: () => masterToken,
      },
      {
        name: 'a real token after "Token"',
        authorization: () => `Token ${masterToken}`,
      },
      {
        name: 'Basic with the email and password of the Master Administrator',
        authorization: () =>
          `Basic ${Buffer.from(`${stack.adminEmail}:${BOOTSTRAP_PASSWORD}`).toString('base64')}`,
      },
      {
        name: 'two real tokens in one Bearer header',
        authorization: () => `Bearer ${masterToken} ${masterToken}`,
      },
      {
        name: 'two Bearer credentials joined by a comma (two headers merged)',
        authorization: () => `Bearer ${masterToken}, Bearer ${technicianToken}`,
      },
      {
        name: '"Bearer" alone',
        authorization: () => 'Bearer',
      },
      {
        name: 'an empty Bearer token',
        authorization: () => 'Bearer ',
      },
      {
        name: 'a real token with a fourth segment',
        authorization: bearer(() => `${masterToken}.${decode(masterToken).signature}`),
      },
      {
        name: 'a real token with padding added to its parts',
        authorization: bearer(() => masterToken.split('.').join('==.')),
      },
    ];

    /** The claims of a token identity would issue (for the hand-made ones). */
    function signedClaims(): Claims {
      return { ...masterClaims(), iss: ISSUER, aud: AUDIENCE, iat: NOW(), exp: NOW() + 600 };
    }

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
      const authorization = `Bearer ${sign(masterClaims())}`;
      for (const { method, route } of endpoints) {
        const response = await send(method, route, authorization);
        expect(response.status).toBe(200);
      }
      expect(decode(masterToken).header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(decode(masterToken).claims).toMatchObject({
        ...masterClaims(),
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

  // ---------------------------------------------------------------------------------------
  // Security headers.
  // ---------------------------------------------------------------------------------------

  describe('security headers on every kind of answer', () => {
    interface Answer {
      kind: string;
      send: () => Promise<{ status: number; headers: Headers }>;
      status: number;
      /** The Swagger UI has its own, looser, Content-Security-Policy. */
      docs?: boolean;
      /** So has the web app: its own scripts and styles. */
      web?: boolean;
    }
    const raw = async (route: string, init: RequestInit = {}) => {
      const response = await fetch(`${stack.api.baseUrl}${route}`, init);
      await response.arrayBuffer();
      return { status: response.status, headers: response.headers };
    };

    let reportPath: string;

    beforeAll(async () => {
      const csv = csvImportFile([
        technicianRow(group.id, { email: uniqueEmail('headers'), password: secret('headers-row') }),
      ]);
      const accepted = await uploadImport(stack, masterToken, csv);
      expect(accepted.status).toBe(202);
      await waitForImport(stack, masterToken, accepted.body.id);
      reportPath = `${API}/imports/${accepted.body.id}/report.csv`;
    });

    const answers: Answer[] = [
      { kind: '200 JSON (GET /me)', send: () => masterGet('/me'), status: 200 },
      {
        kind: '200 JSON without a token (GET /health)',
        send: () => raw(`${API}/health`),
        status: 200,
      },
      {
        kind: '201 (POST /groups)',
        send: () =>
          stack.api.post(`${API}/groups`, { name: `Headers ${randomUUID()}` }, masterToken),
        status: 201,
      },
      {
        kind: '204 (DELETE /groups/:id)',
        send: async () => {
          const doomed = await createGroup(stack.api, masterToken);
          return stack.api.request('DELETE', `${API}/groups/${doomed.id}`, { token: masterToken });
        },
        status: 204,
      },
      {
        kind: '202 (POST /imports, dry run)',
        send: () =>
          uploadImport(
            stack,
            masterToken,
            csvImportFile([
              technicianRow(group.id, {
                email: uniqueEmail('headers'),
                password: secret('headers-dry'),
              }),
            ]),
            { dryRun: true },
          ),
        status: 202,
      },
      { kind: '401 problem+json (no token)', send: () => raw(`${API}/me`), status: 401 },
      {
        kind: '400 problem+json (invalid body)',
        send: () => stack.api.post(`${API}/groups`, { name: 42 }, masterToken),
        status: 400,
      },
      {
        kind: '400 problem+json (malformed JSON)',
        send: () =>
          raw(`${API}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"email":',
          }),
        status: 400,
      },
      {
        kind: '403 problem+json (a technician on an admin endpoint)',
        send: () => stack.api.get(`${API}/groups`, technicianToken),
        status: 403,
      },
      {
        kind: '404 problem+json (an unknown group)',
        send: () => masterGet(`/groups/${randomUUID()}`),
        status: 404,
      },
      { kind: '404 route (under /api/v1)', send: () => raw(`${API}/no-such-route`), status: 404 },
      {
        kind: '404 route (POST outside /api/v1)',
        send: () => raw('/no-such-route', { method: 'POST' }),
        status: 404,
      },
      {
        kind: 'the web app (a page outside /api/v1)',
        send: () => raw('/no-such-route'),
        status: 200,
        web: true,
      },
      { kind: 'the web app (an asset)', send: () => raw('/favicon.svg'), status: 200, web: true },
      {
        kind: '401 problem+json (wrong password)',
        send: () =>
          stack.api.post(`${API}/auth/login`, {
            email: stack.adminEmail,
            password: secret('headers-wrong'),
          }),
        status: 401,
      },
      {
        kind: 'text/csv (GET /imports/:id/report.csv)',
        send: () => stack.api.get(reportPath, masterToken),
        status: 200,
      },
      {
        kind: 'text/csv (GET /imports/template.csv)',
        send: () => masterGet('/imports/template.csv'),
        status: 200,
      },
      { kind: 'OpenAPI JSON (/docs-json)', send: () => raw('/docs-json'), status: 200, docs: true },
      { kind: 'Swagger UI HTML (/docs)', send: () => raw('/docs'), status: 200, docs: true },
      { kind: 'Swagger UI HTML (/docs/)', send: () => raw('/docs/'), status: 200, docs: true },
      // Paths that only begin like the docs' are the web app's, under its own policy.
      {
        kind: 'the web app (/docsx/anything)',
        send: () => raw('/docsx/anything'),
        status: 200,
        web: true,
      },
      { kind: 'the web app (/docs-foo)', send: () => raw('/docs-foo'), status: 200, web: true },
    ];

    it.each(answers)('$kind has them all', async ({ send, status, docs, web }) => {
      const { status: got, headers } = await send();
      expect(got).toBe(status);

      const seen = {
        'x-content-type-options': headers.get('x-content-type-options'),
        'content-security-policy': headers.get('content-security-policy'),
        framing:
          headers.get('x-frame-options') ??
          (/frame-ancestors/.test(headers.get('content-security-policy') ?? '')
            ? 'frame-ancestors'
            : null),
        'referrer-policy': headers.get('referrer-policy'),
        'x-powered-by': headers.get('x-powered-by'),
        'strict-transport-security': headers.get('strict-transport-security'),
      };
      figures.headersChecked += Object.keys(seen).length;
      figures.answersChecked += 1;

      expect(seen).toEqual({
        'x-content-type-options': 'nosniff',
        'content-security-policy': expect.stringMatching(/default-src/),
        framing: expect.stringMatching(/^(DENY|SAMEORIGIN|frame-ancestors)$/i),
        'referrer-policy': expect.stringMatching(/no-referrer|same-origin|strict-origin/),
        'x-powered-by': null,
        'strict-transport-security': expect.stringMatching(/max-age=\d{7,}/),
      });
      const policy = seen['content-security-policy'] ?? '';
      if (web) {
        // The web app runs its own scripts only: no inline script, no other origin, no frames.
        expect(policy).toMatch(/script-src 'self'(;|$)/);
        expect(policy).toMatch(/frame-ancestors 'none'/);
        expect(directive(policy, 'script-src')).not.toContain("'unsafe-inline'");
      } else if (docs) {
        // The Swagger UI's own, looser, policy: its page runs an inline script.
        expect(directive(policy, 'script-src')).toEqual(["'self'", "'unsafe-inline'"]);
      } else {
        // The API itself serves no scripts, styles or frames.
        expect(seen['content-security-policy']).toMatch(/default-src 'none'/);
        expect(seen['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      }
    });
  });

  // ---------------------------------------------------------------------------------------
  // CORS.
  // ---------------------------------------------------------------------------------------

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

  // ---------------------------------------------------------------------------------------
  // No password anywhere, after a mixed workload.
  // ---------------------------------------------------------------------------------------

  describe('no password anywhere after a mixed workload', () => {
    const IMPORT_ROWS = 50;
    const firehose: string[] = [];
    const redisDumps: string[] = [];
    /** Everything scanned, by where it comes from. */
    const places: Record<string, string> = {};
    let ourMessages = 0;
    let ourTechnicianCreates = 0;
    const workload = {} as {
      technician: { email: string; password: string };
      admin: { email: string; password: string };
      imported: { email: string; password: string }[];
      dryRun: { email: string; password: string }[];
      refused: { email: string; password: string };
      oldPassword: { email: string; password: string };
    };

    beforeAll(async () => {
      const connection = await amqp.connect(RABBITMQ_URL);
      const channel = await connection.createChannel();
      const { queue } = await channel.assertQueue('', { exclusive: true });
      await channel.bindQueue(queue, 'amq.rabbitmq.trace', '#');
      await channel.consume(
        queue,
        (message) => {
          if (!message) return;
          const text = [
            message.fields.routingKey,
            JSON.stringify(message.properties.headers ?? {}),
            message.content.toString('latin1'),
          ].join('\n');
          firehose.push(text);
          if (text.includes(stack.env.prefix)) {
            ourMessages += 1;
            // Rows travel in batches: count the creates they carry (each has its key).
            if (text.includes('org.technician.create'))
              ourTechnicianCreates += text.match(/"idempotencyKey"/g)?.length ?? 0;
          }
        },
        { noAck: true },
      );
      await firehoseOn();
      try {
        await mixedWorkload();
      } finally {
        await firehoseOff();
        await connection.close();
      }
      redisDumps.push(await dumpRedis(stack.env.prefix));

      redisDumps.forEach((dump, i) => (places[`redis dump ${i + 1}`] = dump));
      places['rabbitmq firehose'] = firehose.join('\n');
      for (const [name, database] of Object.entries(stack.env.databases)) {
        for (const [table, text] of Object.entries(await dumpDatabase(database))) {
          places[`database ${name}, table ${table}`] = text;
        }
      }
      for (const file of readdirSync(stack.env.logDir)) {
        places[`log file ${file}`] = readFileSync(path.join(stack.env.logDir, file), 'latin1');
      }
      for (const [name, service] of Object.entries(stack.services)) {
        places[`log lines of ${name}`] = service.lines.join('\n');
      }
    });

    /** Creates, resets, changes, signs in (well and badly), imports, dry-runs, refuses a row. */
    async function mixedWorkload(): Promise<void> {
      // A technician created through REST, its password reset, then changed by its owner.
      const technician = await createTechnician(stack.api, masterToken, group.id, {
        password: secret('rest-create'),
      });
      const reset = secret('reset');
      expect(
        (
          await stack.api.post(
            `${API}/technicians/${technician.id}/password`,
            { password: reset },
            masterToken,
          )
        ).status,
      ).toBe(204);
      const first = await stack.api.post(`${API}/auth/login`, {
        email: technician.email,
        password: reset,
      });
      expect(first.body.mustChangePassword).toBe(true);
      const wrongCurrent = await stack.api.post(
        `${API}/auth/change-password`,
        { currentPassword: secret('wrong-current'), newPassword: secret('never-set') },
        first.body.accessToken,
      );
      expect(wrongCurrent.status).toBe(401);
      const weakChange = await stack.api.post(
        `${API}/auth/change-password`,
        { currentPassword: reset, newPassword: weakSecret('weak-change') },
        first.body.accessToken,
      );
      expect(weakChange.status).toBe(422);
      const changed = secret('changed');
      expect(
        (
          await stack.api.post(
            `${API}/auth/change-password`,
            { currentPassword: reset, newPassword: changed },
            first.body.accessToken,
          )
        ).status,
      ).toBe(204);
      workload.technician = { email: technician.email, password: changed };
      workload.oldPassword = { email: technician.email, password: technician.password };

      // Sign-ins: good, wrong password, unknown email.
      expect((await stack.api.post(`${API}/auth/login`, workload.technician)).status).toBe(200);
      for (const attempt of [
        { email: technician.email, password: secret('wrong-password') },
        { email: uniqueEmail('nobody'), password: secret('unknown-email') },
        { email: stack.adminEmail, password: secret('wrong-admin-password') },
      ]) {
        expect((await stack.api.post(`${API}/auth/login`, attempt)).status).toBe(401);
      }

      // A refused REST create (weak password): 422, nothing stored.
      const refusedCreate = await stack.api.post(
        `${API}/groups/${group.id}/technicians`,
        { name: 'Weak', email: uniqueEmail('weak'), password: weakSecret('weak-rest-create') },
        masterToken,
      );
      expect(refusedCreate.status).toBe(422);

      // An administrator created through REST, signing in and changing its password.
      const admin = await createAdministrator(stack.api, masterToken, {
        groupIds: [group.id],
        password: secret('admin-create'),
      });
      const adminChanged = remember(`${admin.password}-New9`, 'admin changed');
      await signInChangingPassword(stack.api, admin.email, admin.password);
      workload.admin = { email: admin.email, password: adminChanged };

      // An import of 50 rows; Redis looked at while it runs.
      workload.imported = Array.from({ length: IMPORT_ROWS }, (_, i) => ({
        email: uniqueEmail('scan'),
        password: secret(`import-${i}`),
      }));
      const upload = await uploadImport(
        stack,
        masterToken,
        csvImportFile(workload.imported.map((row) => technicianRow(group.id, row))),
      );
      expect(upload.status).toBe(202);
      await waitFor(
        async () =>
          (await stack.api.get(`${API}/imports/${upload.body.id}`, masterToken)).body.processed >=
            5 || undefined,
        { what: 'the import to be under way' },
      );
      redisDumps.push(await dumpRedis(stack.env.prefix));
      expect(await waitForImport(stack, masterToken, upload.body.id)).toMatchObject({
        status: 'completed',
        succeeded: IMPORT_ROWS,
      });

      // A dry run (nothing created) and an import with a refused row (weak password).
      workload.dryRun = Array.from({ length: 5 }, (_, i) => ({
        email: uniqueEmail('scan-dry'),
        password: secret(`dry-run-${i}`),
      }));
      const dry = await uploadImport(
        stack,
        masterToken,
        csvImportFile(workload.dryRun.map((row) => technicianRow(group.id, row))),
        { dryRun: true },
      );
      expect(dry.status).toBe(202);
      expect(await waitForImport(stack, masterToken, dry.body.id)).toMatchObject({
        dryRun: true,
        succeeded: 5,
      });
      workload.refused = {
        email: uniqueEmail('scan-weak'),
        password: weakSecret('weak-import-row'),
      };
      const good = { email: uniqueEmail('scan-good'), password: secret('import-good-row') };
      const mixed = await uploadImport(
        stack,
        masterToken,
        csvImportFile([technicianRow(group.id, workload.refused), technicianRow(group.id, good)]),
      );
      expect(mixed.status).toBe(202);
      expect(await waitForImport(stack, masterToken, mixed.body.id)).toMatchObject({
        succeeded: 1,
        failed: 1,
      });
      const items = await stack.api.get(`${API}/imports/${mixed.body.id}/items`, masterToken);
      expect(items.body.items[0].errors[0].code).toBe('PASSWORD_POLICY');
      redisDumps.push(await dumpRedis(stack.env.prefix));
    }

    it('saw the workload go through the broker and Redis (the scan has something to look at)', () => {
      expect(ourMessages).toBeGreaterThan(0);
      expect(ourTechnicianCreates).toBeGreaterThanOrEqual(IMPORT_ROWS);
      expect(redisDumps.join('').length).toBeGreaterThan(0);
    });

    it('finds what is there: the scan sees the emails of the imported rows in the org database and the firehose', () => {
      const orgTables = Object.entries(places).filter(([where]) =>
        where.startsWith('database org'),
      );
      for (const { email } of [workload.imported[0], workload.imported[IMPORT_ROWS - 1]]) {
        expect(orgTables.some(([, text]) => text.includes(email.toLowerCase()))).toBe(true);
        expect(places['rabbitmq firehose']).toContain(email);
      }
      // And the needles catch a password inside base64 of a longer text, at any alignment.
      const password = [...secrets.keys()][0];
      for (const prefix of ['', 'a', 'ab', '{"password":"']) {
        const text = Buffer.from(`${prefix}${password}","more":1}`).toString('base64');
        expect(encodings(password).some(({ needle }) => text.includes(needle))).toBe(true);
        const url = Buffer.from(`${prefix}${password}"}`).toString('base64url');
        expect(encodings(password).some(({ needle }) => url.includes(needle))).toBe(true);
      }
    });

    it('finds no password, plain, URL-, base64- or hex-encoded, in Redis, RabbitMQ messages, the three databases or any log line', () => {
      const needles = [...secrets.keys()].flatMap((password) =>
        encodings(password).map(({ encoding, needle }) => ({ password, encoding, needle })),
      );
      const leaks: string[] = [];
      for (const [where, text] of Object.entries(places)) {
        for (const { password, encoding, needle } of needles) {
          if (text.includes(needle))
            leaks.push(`${secrets.get(password)} (${encoding}) in ${where}`);
        }
      }
      figures.secretsScanned = secrets.size;
      figures.encodingsPerSecret = encodings(BOOTSTRAP_PASSWORD).length;
      figures.needles = needles.length;
      figures.placesScanned = {
        redisKeys: redisDumps.reduce((n, dump) => n + dump.split('\u0000KEY ').length - 1, 0),
        rabbitmqMessages: firehose.length,
        databaseTables: Object.keys(places).filter((p) => p.startsWith('database')).length,
        logFiles: Object.keys(places).filter((p) => p.startsWith('log file')).length,
        logLines: Object.values(stack.services).reduce((n, s) => n + s.lines.length, 0),
      };
      figures.bytesScanned = Object.values(places).reduce((n, text) => n + text.length, 0);
      figures.leaksFound = leaks.length;

      expect(Object.keys(places).filter((p) => p.startsWith('database')).length).toBeGreaterThan(5);
      expect(leaks).toEqual([]);
    });

    it('while the passwords do work: the current ones sign in, replaced and refused ones do not', async () => {
      const login = (credentials: { email: string; password: string }) =>
        stack.api.post(`${API}/auth/login`, credentials);

      expect((await login(workload.technician)).status).toBe(200);
      expect((await login(workload.admin)).status).toBe(200);
      expect((await login({ email: stack.adminEmail, password: BOOTSTRAP_PASSWORD })).status).toBe(
        200,
      );
      for (const row of [workload.imported[0], workload.imported[IMPORT_ROWS - 1]]) {
        expect((await login(row)).status).toBe(200);
      }
      expect((await login(workload.oldPassword)).status).toBe(401);
      expect((await login(workload.dryRun[0])).status).toBe(401);
      expect((await login(workload.refused)).status).toBe(401);
    });
  });
});

/** The needles one password is looked for as: plain, URL-encoded, hex, and base64 at every alignment. */
function encodings(password: string): { encoding: string; needle: string }[] {
  const bytes = Buffer.from(password, 'utf8');
  const found = new Map<string, string>([
    [password, 'plain'],
    [encodeURIComponent(password), 'URL-encoded'],
    [bytes.toString('hex'), 'hex'],
  ]);
  for (const offset of [0, 1, 2]) {
    // Base64 of the password inside a longer text: the characters that depend on it alone.
    const encoded = Buffer.concat([Buffer.alloc(offset, 0x20), bytes]).toString('base64');
    const core = encoded.slice(offset === 0 ? 0 : 4, Math.floor((offset + bytes.length) / 3) * 4);
    if (!found.has(core)) found.set(core, `base64 at offset ${offset}`);
    const url = core.replace(/\+/g, '-').replace(/\//g, '_');
    if (!found.has(url)) found.set(url, `base64url at offset ${offset}`);
  }
  return [...found].map(([needle, encoding]) => ({ encoding, needle }));
}

/** Every key of the prefix, whatever its type, with its whole value, as one text. */
async function dumpRedis(prefix: string): Promise<string> {
  const redis = new Redis(REDIS_URL);
  const text = (values: (Buffer | string)[]) =>
    values.map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v)).join('\n');
  try {
    const parts: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        parts.push(`\u0000KEY ${key} (${type})`);
        if (type === 'string') parts.push(text([(await redis.getBuffer(key)) ?? '']));
        else if (type === 'hash')
          parts.push(text(await redis.hgetallBuffer(key).then(flattenHash)));
        else if (type === 'list') parts.push(text(await redis.lrangeBuffer(key, 0, -1)));
        else if (type === 'set') parts.push(text(await redis.smembersBuffer(key)));
        else if (type === 'zset')
          parts.push(text(await redis.zrangeBuffer(key, 0, -1, 'WITHSCORES')));
        else if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
        else parts.push(`(unread type ${type})`);
      }
    } while (cursor !== '0');
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

function flattenHash(hash: Record<string, Buffer>): (Buffer | string)[] {
  return Object.entries(hash).flatMap(([field, value]) => [field, value]);
}

/** `SELECT *` of every table (and view) of the public schema, as text per table. */
async function dumpDatabase(database: string): Promise<Record<string, string>> {
  const tables = await queryDatabase<{ table_name: string }>(
    database,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
  );
  const dump: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    const rows = await queryDatabase(
      database,
      `SELECT * FROM public."${table.replace(/"/g, '""')}"`,
    );
    dump[table] = rows
      .map((row) =>
        Object.entries(row)
          .map(([column, value]) => `${column}=${cellText(value)}`)
          .join('\t'),
      )
      .join('\n');
  }
  return dump;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}
