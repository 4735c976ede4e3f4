import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AuditPatterns,
  AuditSettings,
  AuthorizeQuery,
  GetAuditSettingsQuery,
  OrganizationAction,
  OrgPatterns,
  Roles,
  SetAuditSettingsCommand,
} from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { AuditSettingsDto } from './audit.dto';

/** Global Settings: the audit log's retention, kept by the audit service, authorized by org. */
@ApiTags('settings')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('settings/audit')
export class AuditSettingsController {
  constructor(
    @InjectRpcClient('org') private readonly org: RpcClient,
    @InjectRpcClient('audit') private readonly audit: RpcClient,
  ) {}

  @Get()
  @AllowRoles(Roles.MASTER_ADMIN)
  @ApiOkResponse({ type: AuditSettingsDto })
  async get(@CurrentActor() actor: RequestActor): Promise<AuditSettings> {
    await this.authorize(actor, 'organization.settings.read');
    return this.audit.send(AuditPatterns.settingsGet, {
      organizationId: actor.organizationId,
    } satisfies GetAuditSettingsQuery);
  }

  @Put()
  @AllowRoles(Roles.MASTER_ADMIN)
  @ApiOkResponse({ type: AuditSettingsDto })
  @ApiProblems(400)
  async set(
    @CurrentActor() actor: RequestActor,
    @Body() body: AuditSettingsDto,
  ): Promise<AuditSettings> {
    await this.authorize(actor, 'organization.settings.write');
    return this.audit.send(AuditPatterns.settingsSet, {
      organizationId: actor.organizationId,
      actor: toActor(actor),
      settings: { retentionDays: body.retentionDays },
    } satisfies SetAuditSettingsCommand);
  }

  private async authorize(actor: RequestActor, action: OrganizationAction): Promise<void> {
    await this.org.send(OrgPatterns.authorize, {
      actor: toActor(actor),
      action,
    } satisfies AuthorizeQuery);
  }
}
