import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DEFAULT_PASSWORD_POLICY, ErrorCodes, FieldError, PasswordPolicy } from '@app/contracts';
import { rpcError } from '@app/platform';
import { evaluatePassword } from './evaluate-password';
import { PasswordPolicyRecord } from './password-policy.entity';

@Injectable()
export class PasswordPoliciesService {
  constructor(
    @InjectRepository(PasswordPolicyRecord)
    private readonly policies: Repository<PasswordPolicyRecord>,
  ) {}

  async get(organizationId: string): Promise<PasswordPolicy> {
    const record = await this.policies.findOneBy({ organizationId });
    return record ? toPolicy(record) : { ...DEFAULT_PASSWORD_POLICY };
  }

  async set(organizationId: string, policy: PasswordPolicy): Promise<PasswordPolicy> {
    await this.policies.upsert({ organizationId, ...policy }, ['organizationId']);
    return this.get(organizationId);
  }

  async violations(organizationId: string, password: string): Promise<FieldError[]> {
    return evaluatePassword(password, await this.get(organizationId));
  }

  /** Throws PASSWORD_POLICY listing every rule broken. */
  async enforce(
    organizationId: string,
    password: string,
    field = 'sealedPassword',
  ): Promise<PasswordPolicy> {
    const policy = await this.get(organizationId);
    this.assertMeets(policy, password, field);
    return policy;
  }

  /** `enforce` with the policy already read (a batch of passwords of one organization). */
  assertMeets(policy: PasswordPolicy, password: string, field = 'sealedPassword'): void {
    const violations = evaluatePassword(password, policy).map((v) => ({ ...v, field }));
    if (violations.length > 0) {
      throw rpcError(ErrorCodes.PASSWORD_POLICY, 'the password does not meet the password policy', {
        errors: violations,
      });
    }
  }
}

function toPolicy(record: PasswordPolicyRecord): PasswordPolicy {
  return {
    minimumStrength: record.minimumStrength,
    minLength: record.minLength,
    rejectCommonPasswords: record.rejectCommonPasswords,
    forceChangeOnAdminSet: record.forceChangeOnAdminSet,
    maxAgeDays: record.maxAgeDays,
  };
}
