import { randomBytes } from 'node:crypto';
import { recordFigures } from './figures';
import { createGroup, createTechnician, signInChangingPassword } from './fixtures';
import { findLeaks, storedPlaces } from './secret-scan';
import { Stack } from './stack';

export const API = '/api/v1';

/**
 * The stack of one security suite (test/e2e/security-*.e2e-spec.ts, issue 6, spec §2 and
 * §3): its bootstrap Master Administrator (`masterToken`, `me`), a group and a technician
 * signed in (`technicianToken`). Every password the suite sends anywhere is made by
 * `secret` or `weakSecret`, or kept by `remember`: after the suite's tests, none of them may
 * be in the stack's databases or logs (the suite fails otherwise). Its figures are recorded
 * as a `part` of the suite security.
 */
export class SecuritySuite {
  /** Every password this suite sends anywhere, by what it was used for: the scan looks for each. */
  readonly secrets = new Map<string, string>();
  private readonly run = randomBytes(3).toString('hex');
  private secretCounter = 0;
  readonly bootstrapPassword: string;
  readonly figures = {
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
  stack!: Stack;
  masterToken!: string;
  me!: { id: string; organizationId: string };
  group!: any;
  technicianToken!: string;

  private constructor(private readonly part: string) {
    this.bootstrapPassword = this.secret('bootstrap');
  }

  /** Registers the suite's beforeAll and afterAll; `label` names its stack (unique in test/e2e). */
  static use(label: string, part: string): SecuritySuite {
    const suite = new SecuritySuite(part);
    beforeAll(() => suite.start(label));
    afterAll(() => suite.finish());
    return suite;
  }

  private async start(label: string): Promise<void> {
    const stack = await Stack.start(label, { BOOTSTRAP_ADMIN_PASSWORD: this.bootstrapPassword });
    this.stack = stack;
    this.masterToken = await stack.adminToken();
    this.me = (await this.masterGet('/me')).body;
    this.group = await createGroup(stack.api, this.masterToken, { name: 'Security' });
    const technician = await createTechnician(stack.api, this.masterToken, this.group.id, {
      password: this.secret('technician-actor'),
    });
    this.remember(`${technician.password}-New9`, 'technician-actor changed');
    this.technicianToken = await signInChangingPassword(
      stack.api,
      technician.email,
      technician.password,
    );
  }

  private async finish(): Promise<void> {
    recordFigures({ suite: 'security', part: this.part, ...this.figures });
    if (!this.stack) return;
    try {
      // What the suite's tests did left no password behind them either.
      expect(findLeaks(await storedPlaces(this.stack), this.secrets).leaks).toEqual([]);
    } finally {
      await this.stack.stop();
    }
  }

  readonly masterGet = (route: string) => this.stack.api.get(`${API}${route}`, this.masterToken);

  /** A fresh password meeting the default policy, unique to this run, with a character URL encoding changes. */
  readonly secret = (label: string): string => {
    const password = `Sx${this.run}-${label}#${++this.secretCounter}Q${randomBytes(3).toString('hex')}`;
    this.secrets.set(password, label);
    return password;
  };

  /** A fresh password the default policy refuses (lower case and digits only: two types). */
  readonly weakSecret = (label: string): string => {
    const password =
      `weak${this.run}${++this.secretCounter}${randomBytes(4).toString('hex')}`.toLowerCase();
    this.secrets.set(password, label);
    return password;
  };

  /** Remembers a password made from another (the fixture's changed password). */
  readonly remember = (password: string, label: string): string => {
    this.secrets.set(password, label);
    return password;
  };
}
