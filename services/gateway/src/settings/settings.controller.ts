import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_ROLES,
  AuthorizeQuery,
  GetPasswordPolicyQuery,
  IdentityPatterns,
  OrganizationAction,
  OrgPatterns,
  PasswordPolicy,
  Roles,
  SetPasswordPolicyCommand,
} from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { AllowedBeforePasswordChange, AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PasswordPolicyDto } from './password-policy.dto';

/** Global Settings: the organization's password policy, kept by identity, authorized by org. */
@ApiTags('settings')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('settings')
export class SettingsController {
  constructor(
    @InjectRpcClient('org') private readonly org: RpcClient,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
  ) {}

  @Get('password-policy')
  @AllowRoles(...ADMIN_ROLES)
  // The forced password change page shows the rules while the administrator types.
  @AllowedBeforePasswordChange()
  @ApiOkResponse({ type: PasswordPolicyDto })
  async getPasswordPolicy(@CurrentActor() actor: RequestActor): Promise<PasswordPolicy> {
    await this.authorize(actor, 'organization.settings.read');
    return this.identity.send(IdentityPatterns.passwordPolicyGet, {
      organizationId: actor.organizationId,
    } satisfies GetPasswordPolicyQuery);
  }

  @Put('password-policy')
  @AllowRoles(Roles.MASTER_ADMIN)
  @ApiOkResponse({ type: PasswordPolicyDto })
  @ApiProblems(400)
  async setPasswordPolicy(
    @CurrentActor() actor: RequestActor,
    @Body() policy: PasswordPolicyDto,
  ): Promise<PasswordPolicy> {
    await this.authorize(actor, 'organization.settings.write');
    const { minimumStrength, minLength, rejectCommonPasswords, forceChangeOnAdminSet, maxAgeDays } =
      policy;
    return this.identity.send(IdentityPatterns.passwordPolicySet, {
      organizationId: actor.organizationId,
      actor: toActor(actor),
      policy: {
        minimumStrength,
        minLength,
        rejectCommonPasswords,
        forceChangeOnAdminSet,
        maxAgeDays,
      },
    } satisfies SetPasswordPolicyCommand);
  }

  private async authorize(actor: RequestActor, action: OrganizationAction): Promise<void> {
    await this.org.send(OrgPatterns.authorize, {
      actor: toActor(actor),
      action,
    } satisfies AuthorizeQuery);
  }
}
