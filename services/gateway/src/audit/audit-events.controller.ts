import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ADMIN_ROLES,
  AUDIT_EXPORT_MAX,
  AuditEntryPage,
  AuditEventFilters,
  AuditPatterns,
  ListAuditEventsQuery,
} from '@app/contracts';
import { InjectRpcClient, RpcClient } from '@app/platform';
import { AllowRoles, CurrentActor } from '../auth/auth.decorators';
import { RequestActor, toActor } from '../auth/request-actor';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { auditCsvHeader, auditCsvRows } from './audit-csv';
import { AuditEntryPageDto, AuditEventsQueryDto, AuditFiltersQueryDto } from './audit.dto';

/** What one call of the CSV export asks the audit service for: big enough to be few calls. */
const EXPORT_CHUNK = 1000;

/**
 * The audit log, kept by the audit service: a Master Administrator reads the whole
 * organization, an Administrator the changes within its groups; a technician is refused.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller()
export class AuditEventsController {
  constructor(@InjectRpcClient('audit') private readonly audit: RpcClient) {}

  @Get('audit-events')
  @AllowRoles(...ADMIN_ROLES)
  @ApiOkResponse({ type: AuditEntryPageDto, description: 'Newest first, in keyset pages' })
  @ApiProblems(400)
  list(
    @CurrentActor() actor: RequestActor,
    @Query() query: AuditEventsQueryDto,
  ): Promise<AuditEntryPage> {
    return this.page(actor, query, query.limit, query.cursor);
  }

  @Get('audit-events.csv')
  @AllowRoles(...ADMIN_ROLES)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: `Every matching entry (at most ${AUDIT_EXPORT_MAX}), newest first, formula-safe`,
  })
  @ApiProblems(400)
  async csv(
    @CurrentActor() actor: RequestActor,
    @Query() query: AuditFiltersQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    // The first page before any byte is sent: a refusal is still a problem+json answer.
    let page = await this.page(actor, query, Math.min(EXPORT_CHUNK, AUDIT_EXPORT_MAX));
    response
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    response.write(auditCsvHeader());
    try {
      let written = 0;
      for (;;) {
        const items = page.items.slice(0, AUDIT_EXPORT_MAX - written);
        response.write(auditCsvRows(items));
        written += items.length;
        if (!page.nextCursor || written >= AUDIT_EXPORT_MAX) break;
        page = await this.page(
          actor,
          query,
          Math.min(EXPORT_CHUNK, AUDIT_EXPORT_MAX - written),
          page.nextCursor,
        );
      }
    } catch {
      // Half a file is already on its way: cut the connection, so that it does not pass for whole.
      response.destroy();
      return;
    }
    response.end();
  }

  private page(
    actor: RequestActor,
    query: AuditFiltersQueryDto,
    limit?: number,
    cursor?: string,
  ): Promise<AuditEntryPage> {
    const filters: AuditEventFilters = {
      actorId: query.actor,
      targetId: query.target,
      type: query.type,
      from: query.from,
      to: query.to,
    };
    return this.audit.send<AuditEntryPage>(AuditPatterns.eventsList, {
      actor: toActor(actor),
      filters: Object.fromEntries(
        Object.entries(filters).filter(([, value]) => value !== undefined),
      ) as AuditEventFilters,
      limit,
      cursor,
    } satisfies ListAuditEventsQuery);
  }
}
