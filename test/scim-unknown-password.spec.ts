import { DEFAULT_PASSWORD_POLICY, PASSWORD_MAX_LENGTH, PASSWORD_STRENGTHS } from '@app/contracts';
import { unknownPassword } from '../services/gateway/src/scim/scim-user';
import { evaluatePassword } from '../services/identity/src/password-policy/evaluate-password';

/**
 * A SCIM User sent without a password gets one nobody knows: every password policy an
 * organization can set must accept it, or the directory's create fails (identity's rules,
 * checked here against the gateway's generator).
 */
describe('the unknown password of a SCIM User sent without one', () => {
  it('is accepted by the strictest policy of every strength, every time', () => {
    for (let i = 0; i < 2_000; i += 1) {
      const password = unknownPassword();
      expect(password).toHaveLength(PASSWORD_MAX_LENGTH);
      for (const minimumStrength of PASSWORD_STRENGTHS) {
        expect(
          evaluatePassword(password, {
            ...DEFAULT_PASSWORD_POLICY,
            minimumStrength,
            minLength: PASSWORD_MAX_LENGTH,
            rejectCommonPasswords: true,
          }),
        ).toEqual([]);
      }
    }
  });

  it('is never the same twice', () => {
    const passwords = new Set(Array.from({ length: 1_000 }, unknownPassword));
    expect(passwords.size).toBe(1_000);
  });
});
