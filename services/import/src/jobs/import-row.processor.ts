import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ImportSettings } from '../config/env';
import { IMPORT_ROWS_QUEUE, ImportRowJob, rowRetryDelay } from './queues';
import { ImportRowRunner } from './import-row.runner';

/**
 * The BullMQ worker of import rows. A worker that dies leaves its jobs locked for at most
 * `lockDuration`; BullMQ then hands them to another worker (stalled jobs).
 */
@Processor(IMPORT_ROWS_QUEUE, {
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
  settings: { backoffStrategy: (attemptsMade: number) => rowRetryDelay(attemptsMade) },
})
export class ImportRowProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportRowProcessor.name);

  constructor(
    private readonly runner: ImportRowRunner,
    private readonly settings: ImportSettings,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.settings.IMPORT_CONCURRENCY;
  }

  async process(job: Job<ImportRowJob>): Promise<void> {
    await this.runner.run(job.data.importId, job.data.row);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<ImportRowJob> | undefined, err: Error): Promise<void> {
    if (!job) return;
    if (job.attemptsMade < (job.opts.attempts ?? 1)) {
      this.logger.warn(
        {
          importId: job.data.importId,
          row: job.data.row,
          attempt: job.attemptsMade,
          err: err.message,
        },
        'row will be retried',
      );
      return;
    }
    this.logger.error(
      { importId: job.data.importId, row: job.data.row, err: err.message },
      'row given up; settling its outcome with org',
    );
    await this.runner
      .giveUp(job.data.importId, job.data.row)
      .catch((settleErr: unknown) =>
        this.logger.warn(
          { err: settleErr, importId: job.data.importId, row: job.data.row },
          'could not settle a given-up row; the recovery sweep will queue it again',
        ),
      );
  }
}
