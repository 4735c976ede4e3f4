import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ImportSettings } from '../config/env';
import { ImportBatchRunner } from '../rows/import-batch.runner';
import { IMPORT_ROWS_QUEUE, ImportBatchJob, rowRetryDelay } from './queues';

/**
 * The BullMQ worker of import rows, a batch per job. A worker that dies leaves its jobs locked for at most
 * `lockDuration`; BullMQ then hands them to another worker (stalled jobs).
 */
@Processor(IMPORT_ROWS_QUEUE, {
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
  settings: { backoffStrategy: (attemptsMade: number) => rowRetryDelay(attemptsMade) },
})
export class ImportBatchProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(ImportBatchProcessor.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly runner: ImportBatchRunner,
    private readonly settings: ImportSettings,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.settings.IMPORT_CONCURRENCY;
  }

  async process(job: Job<ImportBatchJob>): Promise<void> {
    const run = this.runner.run(job.data.importId, rowsOf(job.data));
    this.running.add(run);
    try {
      await run;
    } finally {
      this.running.delete(run);
    }
  }

  /**
   * On shutdown no new batch is taken, and the batches in hand get half the shutdown time to
   * finish; then the worker closes without them, as a crash would leave them: their lock lapses,
   * BullMQ hands them to the next worker, and every row's create is idempotent. Without the
   * bound, a batch waiting for org's answer (org stopping too) kept the process past its
   * shutdown timeout (the worker's own close waits for every job).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.pause(true);
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.allSettled([...this.running]).then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), this.settings.SHUTDOWN_TIMEOUT_MS / 2);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) {
      this.logger.warn(
        { batches: this.running.size },
        'stopping with batches unfinished; another worker takes them once their lock lapses',
      );
    }
    await this.worker.close(!drained);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<ImportBatchJob> | undefined, err: Error): Promise<void> {
    if (!job) return;
    if (job.attemptsMade < (job.opts.attempts ?? 1)) {
      this.logger.warn(
        {
          importId: job.data.importId,
          rows: rowsOf(job.data),
          attempt: job.attemptsMade,
          err: err.message,
        },
        'batch will be retried',
      );
      return;
    }
    this.logger.error(
      { importId: job.data.importId, rows: rowsOf(job.data), err: err.message },
      "batch given up; settling its rows' outcomes with org",
    );
    await this.runner
      .giveUp(job.data.importId, rowsOf(job.data))
      .catch((settleErr: unknown) =>
        this.logger.warn(
          { err: settleErr, importId: job.data.importId, rows: rowsOf(job.data) },
          'could not settle every row of a given-up batch; the recovery sweep will queue them again',
        ),
      );
  }
}

/** The job's rows (a job queued before batches names one row). */
function rowsOf(job: ImportBatchJob): number[] {
  return job.rows ?? (job.row === undefined ? [] : [job.row]);
}
