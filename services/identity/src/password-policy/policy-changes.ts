import type { FieldChange, PasswordPolicy } from '@app/contracts';
import { fieldChanges } from '../audit/field-changes';

const POLICY_FIELDS = [
  'minimumStrength',
  'minLength',
  'rejectCommonPasswords',
  'forceChangeOnAdminSet',
  'maxAgeDays',
] as const satisfies readonly (keyof PasswordPolicy)[];

/** What saving `after` over `before` changed, field by field (REST API names). */
export function policyChanges(before: PasswordPolicy, after: PasswordPolicy): FieldChange[] {
  return fieldChanges(before, after, POLICY_FIELDS);
}
