import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '../api/settings';
import { passwordRules, meetsKnownRules } from './password-rules';

const policy = (overrides: Partial<PasswordPolicy> = {}): PasswordPolicy => ({
  minimumStrength: 'good',
  minLength: 8,
  rejectCommonPasswords: true,
  forceChangeOnAdminSet: true,
  maxAgeDays: 0,
  ...overrides,
});

const states = (password: string, p: PasswordPolicy) =>
  Object.fromEntries(passwordRules(password, p).map((rule) => [rule.key, rule.state]));

describe('password rule feedback', () => {
  it('judges length in characters, not bytes or UTF-16 units', () => {
    expect(states('Ab1-', policy()).minLength).toBe('unmet');
    expect(states('Ab1-😀😀😀😀', policy()).minLength).toBe('met');
    expect(states('Ab1-😀😀😀', policy()).minLength).toBe('unmet');
  });

  it('counts the four character types over Unicode (good: 3 of 4)', () => {
    expect(states('abcdefgh', policy()).types).toBe('unmet');
    expect(states('abcdEFGH', policy()).types).toBe('unmet');
    expect(states('abcdEF12', policy()).types).toBe('met');
    expect(states('äöüÄÖÜ12', policy()).types).toBe('met');
  });

  it('strong: no character twice in a row unless all four types are mixed', () => {
    const strong = policy({ minimumStrength: 'strong' });
    expect(states('aaBB1234', strong).noRepeats).toBe('unmet');
    expect(states('aaBB12!!', strong).noRepeats).toBe('met');
    expect(states('abAB1234', strong).noRepeats).toBe('met');
  });

  it('excellent: four types and no repeats', () => {
    const excellent = policy({ minimumStrength: 'excellent' });
    expect(states('abAB12!?', excellent)).toMatchObject({ types: 'met', noRepeats: 'met' });
    expect(states('abAB12!!', excellent)).toMatchObject({ types: 'met', noRepeats: 'unmet' });
    expect(states('abAB1234', excellent).types).toBe('unmet');
  });

  it('leaves the common-password rule to the server, and only when the policy has it', () => {
    expect(states('Password1!', policy()).notCommon).toBe('checkedOnSave');
    expect(
      states('Password1!', policy({ rejectCommonPasswords: false })).notCommon,
    ).toBeUndefined();
    expect(meetsKnownRules(passwordRules('Password1!', policy()))).toBe(true);
    expect(meetsKnownRules(passwordRules('short', policy()))).toBe(false);
  });
});
