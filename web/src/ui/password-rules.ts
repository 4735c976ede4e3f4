import type { PasswordPolicy } from '../api/settings';

/**
 * The policy's rules, each met or not, for feedback while typing. It mirrors identity's
 * evaluate-password.ts; the server stays the judge (the common-password list lives there,
 * so that rule is only `checkedOnSave` here).
 */
export type RuleState = 'met' | 'unmet' | 'checkedOnSave';

export interface PasswordRule {
  /** i18n key in the `common` namespace, under passwordRules. */
  key: 'minLength' | 'maxLength' | 'types' | 'noRepeats' | 'notCommon';
  values?: Record<string, number>;
  state: RuleState;
}

export const PASSWORD_MAX_LENGTH = 128;

export function characterTypeCount(password: string): number {
  const types = new Set<string>();
  for (const char of password) {
    if (/\p{Ll}/u.test(char)) types.add('lower');
    else if (/[\p{Lu}\p{Lt}]/u.test(char)) types.add('upper');
    else if (/\p{Nd}/u.test(char)) types.add('digit');
    else types.add('special');
  }
  return types.size;
}

export function hasRepeatedCharacter(password: string): boolean {
  const chars = Array.from(password);
  return chars.some((char, i) => i > 0 && char === chars[i - 1]);
}

const state = (met: boolean): RuleState => (met ? 'met' : 'unmet');

export function passwordRules(given: string, policy: PasswordPolicy): PasswordRule[] {
  const password = given.normalize('NFC');
  const length = Array.from(password).length;
  const types = characterTypeCount(password);
  const repeated = hasRepeatedCharacter(password);
  const rules: PasswordRule[] = [
    {
      key: 'minLength',
      values: { count: policy.minLength },
      state: state(length >= policy.minLength),
    },
    {
      key: 'maxLength',
      values: { count: PASSWORD_MAX_LENGTH },
      state: state(length <= PASSWORD_MAX_LENGTH),
    },
  ];
  switch (policy.minimumStrength) {
    case 'good':
      rules.push({ key: 'types', values: { count: 3 }, state: state(types >= 3) });
      break;
    case 'strong':
      rules.push({ key: 'types', values: { count: 3 }, state: state(types >= 3) });
      rules.push({
        key: 'noRepeats',
        values: { unlessTypes: 4 },
        state: state(types === 4 || (password.length > 0 && !repeated)),
      });
      break;
    case 'excellent':
      rules.push({ key: 'types', values: { count: 4 }, state: state(types >= 4) });
      rules.push({ key: 'noRepeats', state: state(password.length > 0 && !repeated) });
      break;
  }
  if (policy.rejectCommonPasswords) rules.push({ key: 'notCommon', state: 'checkedOnSave' });
  return rules;
}

/** Whether every rule the browser can judge is met (the server may still refuse). */
export function meetsKnownRules(rules: PasswordRule[]): boolean {
  return rules.every((rule) => rule.state !== 'unmet');
}
