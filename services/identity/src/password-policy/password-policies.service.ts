import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  Actor,
  DEFAULT_PASSWORD_POLICY,
  ErrorCodes,
  FieldError,
  IdentityEventPatterns,
  PASSWORD_POLICY_TARGET,
  PasswordPolicy,
  PasswordPolicyUpdatedEvent,
} from '@app/contracts';
import { eventOrigin, Outbox, rpcError } from '@app/platform';
import { evaluatePassword } from './evaluate-password';
import { PasswordPolicyRecord } from './password-policy.entity';
import { policyChanges } from './policy-changes';

@Injectable()
export class PasswordPoliciesService {
  constructor(
    @InjectRepository(PasswordPolicyRecord)
    private readonly policies: Repository<PasswordPolicyRecord>,
    private readonly outbox: Outbox,
  ) {}

  async get(organizationId: string): Promise<PasswordPolicy> {
    const record = await this.policies.findOneBy({ organizationId });
    return record ? toPolicy(record) : { ...DEFAULT_PASSWORD_POLICY };
  }

  /** Saves the policy and its event together; the row lock orders concurrent saves. */
  async set(actor: Actor, policy: PasswordPolicy): Promise<PasswordPolicy> {
    const { organizationId } = actor;
    return this.policies.manager.transaction(async (manager) => {
      const repository = manager.getRepository(PasswordPolicyRecord);
      const current = await repository.findOne({
        where: { organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      const before = current ? toPolicy(current) : { ...DEFAULT_PASSWORD_POLICY };
      await repository.upsert({ organizationId, ...policy }, ['organizationId']);
      const after = toPolicy((await repository.findOneBy({ organizationId }))!);
      await this.outbox.add(
        manager,
        IdentityEventPatterns.passwordPolicyUpdated,
        eventOrigin(actor),
        {
          target: { ...PASSWORD_POLICY_TARGET },
          groupPaths: [],
          changes: policyChanges(before, after),
          policy: after,
        } satisfies PasswordPolicyUpdatedEvent,
      );
      return after;
    });
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
