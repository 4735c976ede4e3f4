import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ActorScopeReply,
  AuditEntryPage,
  AuditPatterns,
  AuditSettings,
  ErrorCodes,
  GetActorScopeQuery,
  GetAuditSettingsQuery,
  ListAuditEventsQuery,
  OrgPatterns,
  Roles,
  SetAuditSettingsCommand,
} from '@app/contracts';
import { InjectRpcClient, RpcClient, rpcError } from '@app/platform';
import { AuditSettingsStore } from '../settings/audit-settings.store';
import { AuditReach } from './audit-filters';
import { AuditReader } from './audit-reader';

/** Reading the log (within the reader's reach) and the organization's audit settings. */
@Controller()
export class AuditLogController {
  constructor(
    private readonly reader: AuditReader,
    private readonly settings: AuditSettingsStore,
    @InjectRpcClient('org') private readonly org: RpcClient,
  ) {}

  @MessagePattern(AuditPatterns.eventsList)
  async list(@Payload() query: ListAuditEventsQuery): Promise<AuditEntryPage> {
    const reach = await this.reachOf(query);
    return this.reader.list(reach, query.filters, query.limit, query.cursor);
  }

  @MessagePattern(AuditPatterns.settingsGet)
  get(@Payload() query: GetAuditSettingsQuery): Promise<AuditSettings> {
    return this.settings.get(query.organizationId);
  }

  @MessagePattern(AuditPatterns.settingsSet)
  set(@Payload() command: SetAuditSettingsCommand): Promise<AuditSettings> {
    return this.settings.set(command.organizationId, command.settings, command.actor);
  }

  /**
   * Who sees what, as org says now: a Master Administrator (or a service principal) the whole
   * organization, an Administrator the entries within the groups it manages, a technician nothing.
   */
  private async reachOf(query: ListAuditEventsQuery): Promise<AuditReach> {
    const scope = await this.org.send<ActorScopeReply>(OrgPatterns.actorScopeGet, {
      actor: query.actor,
    } satisfies GetActorScopeQuery);
    const organizationId = query.actor.organizationId;
    if (scope.role === Roles.MASTER_ADMIN) return { organizationId, scopePaths: 'all' };
    if (scope.role === Roles.ADMIN) return { organizationId, scopePaths: scope.scopePaths };
    throw rpcError(ErrorCodes.FORBIDDEN, 'technicians may not read the audit log');
  }
}
