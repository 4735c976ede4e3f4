import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CancelImportCommand,
  ErrorCodes,
  EventPatterns,
  ImportCancelledEvent,
  ImportView,
} from '@app/contracts';
import { eventOrigin, Outbox, rpcError } from '@app/platform';
import { Import } from '../database/import.entity';
import { ImportRowsQueue } from '../jobs/import-rows.queue';
import { importAbout, RowOutcomesService } from '../rows/row-outcomes.service';
import { importNotFound, ImportsQueryService } from './imports-query.service';

/**
 * Cancelling an import (`POST /imports/:id/cancel`): the rows still pending end as failed
 * with CANCELLED, and the import ends `cancelled` once the rows being processed have ended.
 * IMPORT_FINISHED when it has finished, was cancelled already, or has no row pending any
 * more (docs/RELIABILITY.md, guarantee 9). The caller has authorized the actor.
 */
@Injectable()
export class ImportCancelService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outcomes: RowOutcomesService,
    private readonly rowsQueue: ImportRowsQueue,
    private readonly imports: ImportsQueryService,
    private readonly outbox: Outbox,
  ) {}

  async cancel(command: CancelImportCommand): Promise<ImportView> {
    const cancelled = await this.dataSource.transaction(async (manager) => {
      const record = await manager.getRepository(Import).findOne({
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
      // Written first, so that it precedes the import.completed.v1 the cancel may cause at once;
      // rolled back with the cancel if nothing is left to cancel.
      await this.outbox.add(manager, EventPatterns.importCancelled, eventOrigin(command.actor), {
        ...importAbout(record),
        importId: record.id,
      } satisfies ImportCancelledEvent);
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
    await this.rowsQueue.removeCancelled(command.importId, cancelled);
    return this.imports.get(command.actor, command.importId);
  }
}
