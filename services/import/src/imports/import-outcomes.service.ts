import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  ErrorCodes,
  EventPatterns,
  FieldError,
  ImportCompletedEvent,
  ImportStatus,
} from '@app/contracts';
import { Outbox } from '@app/platform';
import { ImportRow } from './import-row.entity';
import { ImportRecord } from './import.entity';

export type RowOutcome =
  { status: 'succeeded'; technicianId: string | null } | { status: 'failed'; errors: FieldError[] };

/** Codes that say the importer may not import at all any more: the import ends as failed. */
const SYSTEMIC = new Set<string>([ErrorCodes.UNAUTHENTICATED, ErrorCodes.FORBIDDEN]);

/**
 * Records what became of rows, each exactly once: a row moves to a final state only from
 * pending or processing, and the import's counters move in the same transaction. When the
 * last row ends, the import is finished and `import.completed.v1` is written to the outbox.
 */
@Injectable()
export class ImportOutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async record(importId: string, row: number, outcome: RowOutcome): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const ended = await manager
        .createQueryBuilder()
        .update(ImportRow)
        .set({
          status: outcome.status,
          technicianId: outcome.status === 'succeeded' ? outcome.technicianId : null,
          errors: outcome.status === 'failed' ? outcome.errors : [],
          sealedPassword: null,
        })
        .where({ importId, row, status: In(['pending', 'processing']) })
        .execute();
      if (!ended.affected) return false;
      await this.count(
        manager,
        importId,
        outcome.status === 'succeeded' ? 1 : 0,
        outcome.status === 'failed' ? 1 : 0,
      );
      return true;
    });
  }

  /** Ends every row still pending as failed with CANCELLED; rows being processed finish on their own. */
  async cancelPending(manager: EntityManager, importId: string): Promise<number[]> {
    const cancelled: { row: number }[] = (
      await manager
        .createQueryBuilder()
        .update(ImportRow)
        .set({
          status: 'failed',
          sealedPassword: null,
          errors: [
            {
              field: 'Row',
              code: ErrorCodes.CANCELLED,
              message: 'the import was cancelled before this row was processed',
            },
          ],
        })
        .where({ importId, status: 'pending' })
        .returning(['row'])
        .execute()
    ).raw as { row: number }[];
    if (cancelled.length > 0) await this.count(manager, importId, 0, cancelled.length);
    else await this.finishIfDone(manager, importId);
    return cancelled.map((r) => r.row);
  }

  /** Counts rows that ended (possibly several at once) and finishes the import when none is left. */
  async count(
    manager: EntityManager,
    importId: string,
    succeeded: number,
    failed: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE imports SET processed = processed + $2, succeeded = succeeded + $3, failed = failed + $4,
              status = CASE WHEN status = 'queued' THEN 'running' ELSE status END,
              started_at = COALESCE(started_at, now())
        WHERE id = $1`,
      [importId, succeeded + failed, succeeded, failed],
    );
    await this.finishIfDone(manager, importId);
  }

  private async finishIfDone(manager: EntityManager, importId: string): Promise<void> {
    const record = await manager.getRepository(ImportRecord).findOneByOrFail({ id: importId });
    if (record.processed < record.total || record.finishedAt) return;
    const systemic = await manager
      .createQueryBuilder(ImportRow, 'r')
      .where('r.import_id = :importId', { importId })
      .andWhere(`r.errors @> ANY(ARRAY[:...codes]::jsonb[])`, {
        codes: [...SYSTEMIC].map((code) => JSON.stringify([{ code }])),
      })
      .getExists();
    const status: ImportStatus = record.cancelRequested
      ? 'cancelled'
      : systemic
        ? 'failed'
        : 'completed';
    await manager
      .getRepository(ImportRecord)
      .update(
        { id: importId },
        { status, finishedAt: new Date(), startedAt: record.startedAt ?? new Date() },
      );
    await this.outbox.add(manager, EventPatterns.importCompleted, record.organizationId, {
      importId,
      status,
      dryRun: record.dryRun,
      total: record.total,
      succeeded: record.succeeded,
      failed: record.failed,
    } satisfies Omit<ImportCompletedEvent, 'eventId' | 'occurredAt' | 'organizationId'>);
  }
}
