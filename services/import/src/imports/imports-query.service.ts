import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  Actor,
  AuthorizeQuery,
  CancelImportCommand,
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
import { ImportSettings } from '../config/env';
import { batchesOf, IMPORT_ROWS_QUEUE, ImportBatchJob } from '../jobs/queues';
import { importReportCsv } from '../report/import-report';
import { ImportOutcomesService } from './import-outcomes.service';
import { ImportRow } from './import-row.entity';
import { toImportView, toItemView } from './import-view';
import { ImportRecord } from './import.entity';

/**
 * Reading imports, and cancelling one. Only Master Administrators reach imports (every
 * handler asks org's scope policy first, `authorize`; here the organization): another
 * organization's import does not exist (IMPORT_NOT_FOUND).
 */
@Injectable()
export class ImportsQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(IMPORT_ROWS_QUEUE) private readonly queue: Queue<ImportBatchJob>,
    private readonly outcomes: ImportOutcomesService,
    @InjectRpcClient('org') private readonly org: RpcClient,
    private readonly settings: ImportSettings,
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
      .getRepository(ImportRecord)
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

  async cancel(command: CancelImportCommand): Promise<ImportView> {
    const cancelled = await this.dataSource.transaction(async (manager) => {
      const record = await manager.getRepository(ImportRecord).findOne({
        where: { id: command.importId, organizationId: command.actor.organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!record) throw importNotFound();
      if (record.finishedAt || record.cancelRequested) {
        throw rpcError(
          ErrorCodes.IMPORT_FINISHED,
          `the import has already ${record.finishedAt ? 'finished' : 'been cancelled'}`,
        );
      }
      const rows = await this.outcomes.cancelPending(manager, record.id);
      // Every row has been processed or is being processed: nothing is left to cancel. The
      // cancel changes nothing (rolled back) and the import ends as its rows make it end,
      // as if the cancel had come after: never `cancelled` with nothing cancelled.
      if (rows.length === 0)
        throw rpcError(
          ErrorCodes.IMPORT_FINISHED,
          'the import has no row left to cancel: every row has been processed or is being processed',
        );
      return rows;
    });
    // Jobs whose rows were all cancelled have nothing left to do (a batch with a row being
    // processed is running, and cannot be removed: it ends on its own).
    await Promise.allSettled(
      batchesOf(command.importId, cancelled, this.settings.IMPORT_BATCH_SIZE).map((batch) =>
        this.queue.remove(batch.jobId),
      ),
    );
    return this.get(command.actor, command.importId);
  }

  private async record(actor: Actor, importId: string): Promise<ImportRecord> {
    const record = await this.dataSource
      .getRepository(ImportRecord)
      .findOneBy({ id: importId, organizationId: actor.organizationId });
    if (!record) throw importNotFound();
    return record;
  }
}

function importNotFound() {
  return rpcError(ErrorCodes.IMPORT_NOT_FOUND, 'no such import');
}
