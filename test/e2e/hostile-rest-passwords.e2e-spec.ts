import { brokenPasswordRules, characters, isEmailAddress } from '../support/field-rules';
import { createTechnician, GOOD_PASSWORD, signInChangingPassword } from '../support/fixtures';
import {
  API,
  Findings,
  HOSTILE,
  inLanes,
  LANES,
  ok,
  passwordExpectation,
  problem,
  refusalOf,
} from '../support/hostile-answers';
import { HostileRest } from '../support/hostile-rest';
import type { Stack } from '../support/stack';

/**
 * Hostile input through the REST API (issue 6): sign-in, changing a password, setting a
 * technician's password, for every hostile string (test/support/hostile-rest.ts says what each
 * answer must be).
 */
describe('Hostile strings through the sign-in and password fields of the REST API', () => {
  const hostile = HostileRest.use('hostilerestpass', 'passwords');
  const { call, passwordHash, expectSignIn } = hostile;
  let stack: Stack, token: string, home: { id: string };
  beforeAll(() => ({ stack, token, home } = hostile));

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
});
