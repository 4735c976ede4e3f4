import fc from 'fast-check';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_STRENGTHS,
  PasswordPolicy,
  PasswordRuleCodes,
} from '@app/contracts';
import { evaluatePassword } from './evaluate-password';

/**
 * evaluatePassword takes what anyone types (issue 6): for any string and any valid policy
 * it answers, with entries of known codes only, and its length rules count characters
 * (code points of the NFC form) exactly as spec section 2 says.
 */

const RULE_CODES: string[] = Object.values(PasswordRuleCodes);

/** Any valid policy of spec section 2. */
const policy: fc.Arbitrary<PasswordPolicy> = fc.record({
  minimumStrength: fc.constantFrom(...PASSWORD_STRENGTHS),
  minLength: fc.integer({ min: 8, max: 128 }),
  rejectCommonPasswords: fc.boolean(),
  forceChangeOnAdminSet: fc.boolean(),
  maxAgeDays: fc.integer({ min: 0, max: 3650 }),
});

/** Any UTF-16 text: lone surrogates, NUL, combining marks, emoji, and long strings too. */
const password = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 150 }),
  fc.string16bits({ maxLength: 300 }),
  fc.string({ maxLength: 2000 }),
);

const characters = (text: string) => Array.from(text.normalize('NFC')).length;

describe('evaluatePassword, for any string and any valid policy', () => {
  it('never throws and answers { field: "password", code, message } entries of known codes, each code once', () => {
    fc.assert(
      fc.property(password, policy, (given, rules) => {
        const violations = evaluatePassword(given, rules);
        expect(Array.isArray(violations)).toBe(true);
        for (const violation of violations) {
          expect(violation).toEqual({
            field: 'sealedPassword',
            code: expect.any(String),
            message: expect.any(String),
          });
          expect(RULE_CODES).toContain(violation.code);
        }
        const codes = violations.map((v) => v.code);
        expect(new Set(codes).size).toBe(codes.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('says too short exactly below minLength characters, and too long exactly above 128', () => {
    fc.assert(
      fc.property(password, policy, (given, rules) => {
        const codes = evaluatePassword(given, rules).map((v) => v.code);
        const length = characters(given);
        expect(codes.includes(PasswordRuleCodes.TOO_SHORT)).toBe(length < rules.minLength);
        expect(codes.includes(PasswordRuleCodes.TOO_LONG)).toBe(length > PASSWORD_MAX_LENGTH);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a password as common only when the policy asks for it', () => {
    fc.assert(
      fc.property(password, policy, (given, rules) => {
        const codes = evaluatePassword(given, rules).map((v) => v.code);
        if (!rules.rejectCommonPasswords) expect(codes).not.toContain(PasswordRuleCodes.COMMON);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts nothing more under a stricter policy', () => {
    const order = ['good', 'strong', 'excellent'] as const;
    fc.assert(
      fc.property(password, policy, fc.integer({ min: 0, max: 120 }), (given, rules, extra) => {
        const accepted = (p: PasswordPolicy) => evaluatePassword(given, p).length === 0;
        const stricter: PasswordPolicy = {
          ...rules,
          minimumStrength: order[Math.min(order.indexOf(rules.minimumStrength) + 1, 2)],
          minLength: Math.min(rules.minLength + extra, 128),
          rejectCommonPasswords: true,
        };
        if (accepted(stricter)) expect(accepted(rules)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('judges a password and its NFC form alike', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), policy, (given, rules) => {
        const decomposed = given.normalize('NFD');
        expect(evaluatePassword(decomposed, rules)).toEqual(evaluatePassword(given, rules));
      }),
      { numRuns: 1000 },
    );
  });
});
