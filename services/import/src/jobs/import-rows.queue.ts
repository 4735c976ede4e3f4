import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ImportSettings } from '../config/env';
import type { Import } from '../database/import.entity';
import { rowPriority } from './fair-share';
import { batchesOf, batchJobOptions, IMPORT_ROWS_QUEUE, ImportBatchJob } from './queues';

/**
 * Adding and removing an import's batches of rows in BullMQ, for whoever drives them: the
 * upload, the recovery sweep and the cancel. Postgres holds the truth; a batch that could
 * not be added is added by the next recovery sweep.
 */
@Injectable()
export class ImportRowsQueue {
  private readonly logger = new Logger(ImportRowsQueue.name);

  constructor(
    @InjectQueue(IMPORT_ROWS_QUEUE) private readonly queue: Queue<ImportBatchJob>,
    private readonly settings: ImportSettings,
  ) {}

  /** Queues the rows, in batches; if Redis is unreachable the recovery sweep queues them later. */
  async enqueue(record: Pick<Import, 'id' | 'priorityBase'>, rows: number[]): Promise<void> {
    const importId = record.id;
    try {
      await this.queue.addBulk(
        batchesOf(importId, rows, this.settings.IMPORT_BATCH_SIZE).map((batch) => ({
          name: 'rows',
          data: { importId, rows: batch.rows },
          opts: {
            jobId: batch.jobId,
            ...batchJobOptions(
              this.settings.IMPORT_ROW_ATTEMPTS,
              rowPriority(record.priorityBase, batch.rows[0]),
            ),
          },
        })),
      );
    } catch (err) {
      this.logger.warn({ err, importId }, 'could not queue the rows now; the recovery sweep will');
    }
  }

  /**
   * Removes the batches whose rows were all cancelled: they have nothing left to do. A batch
   * with a row being processed is running and cannot be removed: it ends on its own.
   */
  async removeCancelled(importId: string, cancelledRows: number[]): Promise<void> {
    await Promise.allSettled(
      batchesOf(importId, cancelledRows, this.settings.IMPORT_BATCH_SIZE).map((batch) =>
        this.queue.remove(batch.jobId),
      ),
    );
  }
}
