import { describe, expect, it } from 'vitest';
import type { PasswordPolicy } from '../api/settings';
import { formToPolicy, policyToForm, validatePolicyForm } from './policy-form';

const policy: PasswordPolicy = {
  minimumStrength: 'strong',
  minLength: 12,
  rejectCommonPasswords: false,
  forceChangeOnAdminSet: true,
  maxAgeDays: 90,
};

describe('the Password policies form', () => {
  it('round-trips the API policy', () => {
    expect(formToPolicy(policyToForm(policy))).toEqual(policy);
  });

  it('sends numbers typed as text as numbers', () => {
    expect(formToPolicy({ ...policyToForm(policy), minLength: '16', maxAgeDays: '0' })).toEqual({
      ...policy,
      minLength: 16,
      maxAgeDays: 0,
    });
  });

  it('accepts the limits: length 8 and 128, age 0 (never expires) and 3650', () => {
    for (const [minLength, maxAgeDays] of [
      [8, 0],
      [128, 3650],
    ]) {
      expect(validatePolicyForm({ ...policyToForm(policy), minLength, maxAgeDays })).toEqual({});
    }
  });

  it('refuses a length outside 8-128, an empty field and a fraction, saying the range', () => {
    const form = policyToForm(policy);
    expect(validatePolicyForm({ ...form, minLength: 7 }).minLength).toEqual({
      key: 'range',
      min: 8,
      max: 128,
    });
    expect(validatePolicyForm({ ...form, minLength: 129 }).minLength?.key).toBe('range');
    expect(validatePolicyForm({ ...form, minLength: '' }).minLength?.key).toBe('required');
    expect(validatePolicyForm({ ...form, maxAgeDays: 1.5 }).maxAgeDays?.key).toBe('wholeNumber');
    expect(validatePolicyForm({ ...form, maxAgeDays: -1 }).maxAgeDays).toEqual({
      key: 'range',
      min: 0,
      max: 3650,
    });
  });
});
