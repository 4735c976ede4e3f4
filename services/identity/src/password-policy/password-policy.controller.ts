import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CheckPasswordQuery,
  CheckPasswordReply,
  GetPasswordPolicyQuery,
  IdentityPatterns,
  PasswordPolicy,
  SetPasswordPolicyCommand,
} from '@app/contracts';
import { SealingKeysService } from '../sealing/sealing-keys.service';
import { PasswordPoliciesService } from './password-policies.service';

@Controller()
export class PasswordPolicyController {
  constructor(
    private readonly policies: PasswordPoliciesService,
    private readonly sealingKeys: SealingKeysService,
  ) {}

  @MessagePattern(IdentityPatterns.passwordPolicyGet)
  get(@Payload() query: GetPasswordPolicyQuery): Promise<PasswordPolicy> {
    return this.policies.get(query.organizationId);
  }

  @MessagePattern(IdentityPatterns.passwordPolicySet)
  set(@Payload() command: SetPasswordPolicyCommand): Promise<PasswordPolicy> {
    return this.policies.set(
      { ...command.actor, organizationId: command.organizationId },
      command.policy,
    );
  }

  @MessagePattern(IdentityPatterns.passwordCheck)
  async check(@Payload() query: CheckPasswordQuery): Promise<CheckPasswordReply> {
    const password = await this.sealingKeys.openPassword(query.sealedPassword);
    return { violations: await this.policies.violations(query.organizationId, password) };
  }
}
