import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCodes,
  EventPatterns,
  FieldError,
  AuditedChange,
  ImportCompletedEvent,
  ImportStatus,
} from '@app/contracts';
import { eventOrigin, Outbox } from '@app/platform';
import { ImportRow } from '../database/import-row.entity';
import { Import } from '../database/import.entity';

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
export class RowOutcomesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async record(importId: string, row: number, outcome: RowOutcome): Promise<boolean> {
    return (await this.recordMany(importId, new Map([[row, outcome]]))) > 0;
  }

  /**
   * The outcomes of rows (a batch) in one statement, atomic on its own: rows that already
   * ended are left as they are and not counted again. Should the process die before the
   * finish that follows the last row, the recovery sweep finishes the import
   * (`finishIfDone`). Resolves to the number of rows this call ended.
   */
  async recordMany(importId: string, outcomes: Map<number, RowOutcome>): Promise<number> {
    const rows = [...outcomes.entries()];
    // TypeORM answers an UPDATE with [rows, affected].
    const [counted]: [{ processed: number; total: number; ended: number }[]] =
      await this.dataSource.query(
        `WITH ended AS (
           UPDATE import_rows r
              SET status = v.status, technician_id = v.technician_id, errors = v.errors,
                  encrypted_password = NULL, sealed_password = NULL, updated_at = now()
             FROM unnest($2::int[], $3::varchar[], $4::uuid[], $5::jsonb[])
                  AS v("row", status, technician_id, errors)
            WHERE r.import_id = $1 AND r."row" = v."row" AND r.status IN ('pending', 'processing')
           RETURNING v.status),
         counts AS (
           SELECT count(*)::int AS n_ended,
                  count(*) FILTER (WHERE ended.status = 'succeeded')::int AS n_succeeded
             FROM ended)
         UPDATE imports i SET processed = i.processed + c.n_ended,
                succeeded = i.succeeded + c.n_succeeded,
                failed = i.failed + c.n_ended - c.n_succeeded,
                status = CASE WHEN i.status = 'queued' THEN 'running' ELSE i.status END,
                started_at = COALESCE(i.started_at, now())
           FROM counts c
          WHERE i.id = $1 AND c.n_ended > 0
         RETURNING i.processed, i.total, c.n_ended AS ended`,
        [
          importId,
          rows.map(([row]) => row),
          rows.map(([, outcome]) => outcome.status),
          rows.map(([, outcome]) => (outcome.status === 'succeeded' ? outcome.technicianId : null)),
          rows.map(([, outcome]) =>
            JSON.stringify(outcome.status === 'succeeded' ? [] : outcome.errors),
          ),
        ],
      );
    if (counted.length === 0) return 0;
    if (counted[0].processed >= counted[0].total)
      await this.dataSource.transaction((manager) => this.finishIfDone(manager, importId));
    return counted[0].ended;
  }

  /**
   * Ends every row still pending as failed with CANCELLED and marks the import cancelled;
   * rows being processed finish on their own. The caller holds the import's row lock. A row
   * claimed by a worker at the same moment is locked by one statement or the other: the
   * claim that commits first keeps its row, and this statement, re-reading it, leaves it.
   * When no row is pending any more it changes nothing and resolves to no rows: there is
   * nothing to cancel, and the import ends as its rows make it end (never `cancelled`).
   */
  async cancelPending(manager: EntityManager, importId: string): Promise<number[]> {
    const cancelled: { row: number }[] = (
      await manager
        .createQueryBuilder()
        .update(ImportRow)
        .set({
          status: 'failed',
          encryptedPassword: null,
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
    if (cancelled.length === 0) return [];
    await manager.getRepository(Import).update({ id: importId }, { cancelRequested: true });
    await this.count(manager, importId, 0, cancelled.length);
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
    // Locked: the counters and cancelRequested read here are those the status is made of.
    const record = await manager.getRepository(Import).findOneOrFail({
      where: { id: importId },
      lock: { mode: 'pessimistic_write' },
    });
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
      .update(Import)
      .set({ status, finishedAt: () => 'now()', startedAt: () => 'COALESCE(started_at, now())' })
      .where('id = :importId AND finished_at IS NULL', { importId })
      .execute();
    if (!finished.affected) return;
    const origin = eventOrigin({
      accountId: record.createdBy,
      organizationId: record.organizationId,
      origin: { channel: 'import', importId },
    });
    await this.outbox.add(manager, EventPatterns.importCompleted, origin, {
      ...importAbout(record),
      importId,
      status,
      dryRun: record.dryRun,
      total: record.total,
      succeeded: record.succeeded,
      failed: record.failed,
    } satisfies ImportCompletedEvent);
  }
}

/** An import's events are about the import, named by its file; organization-wide. */
export function importAbout(record: Pick<Import, 'id' | 'fileName'>): AuditedChange {
  return { target: { type: 'import', id: record.id, name: record.fileName }, groupPaths: [] };
}
