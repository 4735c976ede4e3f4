import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import {
  CredentialStatusReply,
  GetCredentialStatusQuery,
  GetProfileQuery,
  IdentityPatterns,
  OrgPatterns,
  ProfileReply,
  Roles,
} from '@app/contracts';
import type { Role } from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { AllowedBeforePasswordChange, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { ApiFields } from '../openapi/api-fields';
import { ApiProblems } from '../openapi/api-problems.decorator';

export class MeDto {
  @ApiProperty({ ...ApiFields.uuid }) id!: string;
  @ApiProperty({ ...ApiFields.uuid }) organizationId!: string;
  @ApiProperty({ ...ApiFields.name }) organizationName!: string;
  @ApiProperty({ enum: Object.values(Roles) }) role!: Role;
  @ApiProperty({ ...ApiFields.name }) name!: string;
  @ApiProperty({ ...ApiFields.email }) email!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() mustChangePassword!: boolean;
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    @InjectRpcClient('org') private readonly org: RpcClient,
    @InjectRpcClient('identity') private readonly identity: RpcClient,
  ) {}

  @Get()
  @AllowedBeforePasswordChange()
  @ApiOkResponse({ type: MeDto })
  @ApiProblems(401)
  async me(@CurrentActor() actor: RequestActor): Promise<MeDto> {
    const [profile, credential] = await Promise.all([
      this.org.send<ProfileReply>(OrgPatterns.profileGet, {
        actor: toActor(actor),
      } satisfies GetProfileQuery),
      this.identity.send<CredentialStatusReply>(IdentityPatterns.credentialStatusGet, {
        accountId: actor.accountId,
      } satisfies GetCredentialStatusQuery),
    ]);
    // This session's duty: a sign-in through the identity provider got a full token (it may not
    // know the password), a password sign-in one that must change it first while it must.
    return {
      ...profile,
      mustChangePassword: actor.mustChangePassword && credential.mustChangePassword,
    };
  }
}
