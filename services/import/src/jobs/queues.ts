import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { ImportSettings } from '../config/env';

/** The BullMQ queue that drives import rows. Postgres holds the truth; Redis only drives execution. */
export const IMPORT_ROWS_QUEUE = 'import-rows';

/** A job names a row and nothing else: no field, and never a password, goes to Redis. */
export interface ImportRowJob {
  importId: string;
  row: number;
}

/** One job per row, by id: adding it again (recovery) does nothing while it exists. */
// BullMQ refuses ":" in job ids.
export const rowJobId = (importId: string, row: number) => `${importId}.${row}`;

/**
 * Retried with a growing delay (1 s doubling to 30 s, IMPORT_ROW_ATTEMPTS attempts) while
 * org is unreachable; then the row's outcome is settled with org (ImportRowRunner.giveUp).
 * Jobs vanish once done.
 */
export function rowJobOptions(attempts: number, priority: number): JobsOptions {
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
