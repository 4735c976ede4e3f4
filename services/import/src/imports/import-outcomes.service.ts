import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
 * pending or processing, and the import's counters move in the same statement. When the
 * last row ends, the import is finished and `import.completed.v1` is written to the outbox.
 */
@Injectable()
export class ImportOutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * One statement (atomic on its own, no transaction round trips: this runs once per row).
   * Should the process die before the finish that follows the last row, the recovery sweep
   * finishes the import (`finishIfDone`).
   */
  async record(importId: string, row: number, outcome: RowOutcome): Promise<boolean> {
    const succeeded = outcome.status === 'succeeded';
    // TypeORM answers an UPDATE with [rows, affected].
    const [counted]: [{ processed: number; total: number }[]] = await this.dataSource.query(
      `WITH ended AS (
         UPDATE import_rows
            SET status = $3, technician_id = $4, errors = $5::jsonb, sealed_password = NULL,
                updated_at = now()
          WHERE import_id = $1 AND "row" = $2 AND status IN ('pending', 'processing')
         RETURNING 1)
       UPDATE imports SET processed = processed + 1, succeeded = succeeded + $6,
              failed = failed + $7,
              status = CASE WHEN status = 'queued' THEN 'running' ELSE status END,
              started_at = COALESCE(started_at, now())
        WHERE id = $1 AND EXISTS (SELECT 1 FROM ended)
       RETURNING processed, total`,
      [
        importId,
        row,
        outcome.status,
        succeeded ? outcome.technicianId : null,
        JSON.stringify(succeeded ? [] : outcome.errors),
        succeeded ? 1 : 0,
        succeeded ? 0 : 1,
      ],
    );
    if (counted.length === 0) return false;
    if (counted[0].processed >= counted[0].total)
      await this.dataSource.transaction((manager) => this.finishIfDone(manager, importId));
    return true;
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

  /** Finishes the import once every row has ended; only the first caller writes the event. */
  async finishIfDone(manager: EntityManager, importId: string): Promise<void> {
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
    // Guarded: a concurrent finisher (the last row, a cancel, the sweep) waits on the row
    // lock, then finds it finished and adds no second event.
    const finished = await manager
      .createQueryBuilder()
      .update(ImportRecord)
      .set({ status, finishedAt: () => 'now()', startedAt: () => 'COALESCE(started_at, now())' })
      .where('id = :importId AND finished_at IS NULL', { importId })
      .execute();
    if (!finished.affected) return;
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
