import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { ImportSettings } from '../config/env';

/** The BullMQ queue that drives import rows, in batches. Postgres holds the truth; Redis only drives execution. */
export const IMPORT_ROWS_QUEUE = 'import-rows';

/**
 * A job names a batch of rows of one import and nothing else: no field, and never a
 * password, goes to Redis. (`row` alone: a job queued by a version before batches.)
 */
export interface ImportBatchJob {
  importId: string;
  rows?: number[];
  row?: number;
}

/**
 * Rows travel in batches of `size` consecutive row numbers (rows 1-50, 51-100, ...): a
 * row's batch, and so its job id, is fixed by its number, and queuing it again (recovery)
 * adds nothing while its job exists. Rows ended already are left out of a batch.
 */
export function batchesOf(
  importId: string,
  rows: number[],
  size: number,
): { jobId: string; rows: number[] }[] {
  const batches = new Map<number, number[]>();
  for (const row of [...rows].sort((a, b) => a - b)) {
    const index = Math.floor((row - 1) / size);
    batches.set(index, [...(batches.get(index) ?? []), row]);
  }
  // BullMQ refuses ":" in job ids.
  return [...batches].map(([index, batch]) => ({ jobId: `${importId}.b${index}`, rows: batch }));
}

/**
 * Retried with a growing delay (1 s doubling to 30 s, IMPORT_ROW_ATTEMPTS attempts) while
 * org is unreachable; then the rows' outcomes are settled with org (ImportBatchRunner.giveUp).
 * Jobs vanish once done.
 */
export function batchJobOptions(attempts: number, priority: number): JobsOptions {
  return {
    attempts,
    // Organizations importing at once take turns (fair-share.ts).
    priority,
    backoff: { type: 'capped-exponential' },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

export function rowRetryDelay(attemptsMade: number): number {
  return Math.min(1000 * 2 ** Math.max(attemptsMade - 1, 0), 30_000);
}

/** The import-rows queue, for whoever adds jobs or watches it (upload, recovery, health). */
@Module({
  imports: [BullModule.registerQueue({ name: IMPORT_ROWS_QUEUE })],
  exports: [BullModule],
})
export class ImportRowsQueueModule {}

/** BullMQ over Redis; every key lives under `<QUEUE_PREFIX>:bull`. */
export function bullModules(settings: ImportSettings): DynamicModule[] {
  return [
    BullModule.forRoot({
      prefix: `${settings.QUEUE_PREFIX}:bull`,
      connection: {
        url: settings.REDIS_URL,
        // BullMQ workers block on Redis: no per-command retry limit, reconnect forever.
        maxRetriesPerRequest: null,
        enableOfflineQueue: true,
      },
    }),
  ];
}
