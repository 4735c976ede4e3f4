import { FieldError, PASSWORD_MAX_LENGTH, PasswordPolicy, PasswordRuleCodes } from '@app/contracts';
import { normalizePassword } from '../sealing/normalize-password';
import { isCommonPassword } from './common-passwords';

/**
 * Character types, over all of Unicode: lower-case letters (Ll), upper-case and title-case
 * letters (Lu, Lt), decimal digits (Nd), and special: everything else (symbols,
 * punctuation, spaces, and letters without case, such as CJK).
 */
export function characterTypes(password: string): Set<'lower' | 'upper' | 'digit' | 'special'> {
  const types = new Set<'lower' | 'upper' | 'digit' | 'special'>();
  for (const char of password) {
    if (/\p{Ll}/u.test(char)) types.add('lower');
    else if (/[\p{Lu}\p{Lt}]/u.test(char)) types.add('upper');
    else if (/\p{Nd}/u.test(char)) types.add('digit');
    else types.add('special');
  }
  return types;
}

/** The same character twice in a row (code points, so an emoji counts once). */
export function hasRepeatedCharacter(password: string): boolean {
  const chars = Array.from(password);
  return chars.some((char, i) => i > 0 && char === chars[i - 1]);
}

/** Named as the commands name a password: the sealed field (the gateway shows its REST name). */
const rule = (code: string, message: string): FieldError => ({
  field: 'sealedPassword',
  code,
  message,
});

/**
 * Every rule of the policy the password breaks (empty when it is accepted). Length counts
 * characters (code points of the NFC form), not bytes.
 *
 * Strength levels: good = at least 3 of the 4 types; strong = 3 types and no character
 * twice in a row, or all 4 types; excellent = all 4 types and no character twice in a row.
 */
export function evaluatePassword(given: string, policy: PasswordPolicy): FieldError[] {
  const password = normalizePassword(given);
  const violations: FieldError[] = [];
  const length = Array.from(password).length;
  if (length < policy.minLength) {
    violations.push(
      rule(PasswordRuleCodes.TOO_SHORT, `must be at least ${policy.minLength} characters long`),
    );
  }
  if (length > PASSWORD_MAX_LENGTH) {
    violations.push(
      rule(PasswordRuleCodes.TOO_LONG, `must be at most ${PASSWORD_MAX_LENGTH} characters long`),
    );
  }

  const types = characterTypes(password).size;
  const repeated = hasRepeatedCharacter(password);
  const fewTypes = (needed: number) =>
    rule(
      PasswordRuleCodes.TOO_FEW_CHARACTER_TYPES,
      `must mix at least ${needed} of: lower-case letters, upper-case letters, digits, special characters`,
    );
  const noRepeats = (orAllTypes: boolean) =>
    rule(
      PasswordRuleCodes.REPEATED_CHARACTER,
      orAllTypes
        ? 'must not have the same character twice in a row (unless it mixes all four character types)'
        : 'must not have the same character twice in a row',
    );
  switch (policy.minimumStrength) {
    case 'good':
      if (types < 3) violations.push(fewTypes(3));
      break;
    case 'strong':
      if (types < 3) violations.push(fewTypes(3));
      if (types === 3 && repeated) violations.push(noRepeats(true));
      if (types < 3 && repeated) violations.push(noRepeats(true));
      break;
    case 'excellent':
      if (types < 4) violations.push(fewTypes(4));
      if (repeated) violations.push(noRepeats(false));
      break;
  }

  if (policy.rejectCommonPasswords && isCommonPassword(password)) {
    violations.push(
      rule(PasswordRuleCodes.COMMON, 'is too common: it appears in lists of leaked passwords'),
    );
  }
  return violations;
}
