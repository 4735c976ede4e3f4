import type { PasswordPolicy } from '../api/settings';

export type Strength = PasswordPolicy['minimumStrength'];

export const STRENGTHS: readonly Strength[] = ['good', 'strong', 'excellent'];

/** The limits the API enforces (PRODUCT.md: minLength 8-128; maxAgeDays 0 = never, at most 3650). */
export const POLICY_LIMITS = {
  minLength: { min: 8, max: 128 },
  maxAgeDays: { min: 0, max: 3650 },
} as const;

/** The Password policies form as the inputs hold it (a cleared number input holds ''). */
export interface PolicyFormValues {
  minimumStrength: Strength;
  minLength: number | string;
  rejectCommonPasswords: boolean;
  forceChangeOnAdminSet: boolean;
  maxAgeDays: number | string;
}

export function policyToForm(policy: PasswordPolicy): PolicyFormValues {
  return {
    minimumStrength: policy.minimumStrength,
    minLength: policy.minLength,
    rejectCommonPasswords: policy.rejectCommonPasswords,
    forceChangeOnAdminSet: policy.forceChangeOnAdminSet,
    maxAgeDays: policy.maxAgeDays,
  };
}

/** The PUT /settings/password-policy body of a valid form (see validatePolicyForm). */
export function formToPolicy(values: PolicyFormValues): PasswordPolicy {
  return {
    minimumStrength: values.minimumStrength,
    minLength: Number(values.minLength),
    rejectCommonPasswords: values.rejectCommonPasswords,
    forceChangeOnAdminSet: values.forceChangeOnAdminSet,
    maxAgeDays: Number(values.maxAgeDays),
  };
}

export type PolicyFieldError = {
  key: 'required' | 'wholeNumber' | 'range';
  min: number;
  max: number;
};

function checkWholeNumber(
  value: number | string,
  limits: { min: number; max: number },
): PolicyFieldError | null {
  const { min, max } = limits;
  if (value === '' || value === null || value === undefined) return { key: 'required', min, max };
  const number = Number(value);
  if (!Number.isInteger(number)) return { key: 'wholeNumber', min, max };
  if (number < min || number > max) return { key: 'range', min, max };
  return null;
}

/** What the browser can tell before sending (the server stays the judge: its 400 lands on the same fields). */
export function validatePolicyForm(
  values: PolicyFormValues,
): Partial<Record<keyof PolicyFormValues, PolicyFieldError>> {
  const errors: Partial<Record<keyof PolicyFormValues, PolicyFieldError>> = {};
  const minLength = checkWholeNumber(values.minLength, POLICY_LIMITS.minLength);
  if (minLength) errors.minLength = minLength;
  const maxAgeDays = checkWholeNumber(values.maxAgeDays, POLICY_LIMITS.maxAgeDays);
  if (maxAgeDays) errors.maxAgeDays = maxAgeDays;
  return errors;
}
