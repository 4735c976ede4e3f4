import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  AuthorizeQuery,
  DEFAULT_PAGE_SIZE,
  ErrorCodes,
  ImportItemView,
  ImportReportReply,
  ImportView,
  ListImportItemsQuery,
  ListImportsQuery,
  OrgPatterns,
  Page,
} from '@app/contracts';
import { decodeCursor, encodeCursor, InjectRpcClient, RpcClient, rpcError } from '@app/platform';
import { importReportCsv } from '../report/import-report';
import { ImportRow } from '../database/import-row.entity';
import { toImportView, toItemView } from './import-view';
import { Import } from '../database/import.entity';

/**
 * Reading imports: one, the list, its rows, its report. Only Master Administrators reach imports (every
 * handler asks org's scope policy first, `authorize`; here the organization): another
 * organization's import does not exist (IMPORT_NOT_FOUND).
 */
@Injectable()
export class ImportsQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRpcClient('org') private readonly org: RpcClient,
  ) {}

  /** Imports are for Master Administrators, by org's scope policy (the token's role may be stale). */
  async authorize(actor: Actor): Promise<void> {
    await this.org.send(OrgPatterns.authorize, {
      actor,
      action: 'organization.import',
    } satisfies AuthorizeQuery);
  }

  async get(actor: Actor, importId: string): Promise<ImportView> {
    return toImportView(await this.record(actor, importId));
  }

  async list(query: ListImportsQuery): Promise<Page<ImportView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const builder = this.dataSource
      .getRepository(Import)
      .createQueryBuilder('i')
      .where('i.organization_id = :org', { org: query.actor.organizationId })
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(limit + 1);
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      builder.andWhere('(i.created_at, i.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toImportView),
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  async items(query: ListImportItemsQuery): Promise<Page<ImportItemView>> {
    await this.record(query.actor, query.importId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const statuses =
      query.status === 'pending'
        ? ['pending', 'processing']
        : query.status
          ? [query.status]
          : undefined;
    const builder = this.dataSource
      .getRepository(ImportRow)
      .createQueryBuilder('r')
      .where('r.import_id = :id', { id: query.importId })
      .orderBy('r.row')
      .limit(limit + 1);
    if (statuses) builder.andWhere('r.status IN (:...statuses)', { statuses });
    if (query.cursor)
      builder.andWhere('r.row > :after', {
        after: Number(decodeCursor(query.cursor, ['integer'])[0]),
      });
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toItemView),
      nextCursor: rows.length > limit && last ? encodeCursor([String(last.row)]) : null,
    };
  }

  async report(actor: Actor, importId: string): Promise<ImportReportReply> {
    const record = await this.record(actor, importId);
    const rows = await this.dataSource
      .getRepository(ImportRow)
      .find({ where: { importId }, order: { row: 'ASC' } });
    const base = record.fileName.replace(/\.[^.]*$/, '') || 'import';
    return { fileName: `${base}-report.csv`, csv: importReportCsv(record, rows) };
  }

  private async record(actor: Actor, importId: string): Promise<Import> {
    const record = await this.dataSource
      .getRepository(Import)
      .findOneBy({ id: importId, organizationId: actor.organizationId });
    if (!record) throw importNotFound();
    return record;
  }
}

export function importNotFound() {
  return rpcError(ErrorCodes.IMPORT_NOT_FOUND, 'no such import');
}
