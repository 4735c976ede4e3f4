import { DEFAULT_PASSWORD_POLICY, PasswordPolicy } from '@app/contracts';
import { policyChanges } from './policy-changes';

describe("the password policy's changes for the audit log", () => {
  const before: PasswordPolicy = { ...DEFAULT_PASSWORD_POLICY };

  it('names nothing when the policy is saved as it was', () => {
    expect(policyChanges(before, { ...before })).toEqual([]);
  });

  it('names each field that changed, before and after, in the order of the REST API', () => {
    const after = {
      ...before,
      maxAgeDays: before.maxAgeDays + 30,
      minLength: before.minLength + 2,
      rejectCommonPasswords: !before.rejectCommonPasswords,
    };
    expect(policyChanges(before, after)).toEqual([
      { field: 'minLength', before: before.minLength, after: before.minLength + 2 },
      {
        field: 'rejectCommonPasswords',
        before: before.rejectCommonPasswords,
        after: !before.rejectCommonPasswords,
      },
      { field: 'maxAgeDays', before: before.maxAgeDays, after: before.maxAgeDays + 30 },
    ]);
  });
});
