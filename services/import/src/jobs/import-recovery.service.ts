import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { PeriodicTask } from '@app/platform';
import { ImportOutcomesService } from '../imports/import-outcomes.service';
import { ImportRow } from '../imports/import-row.entity';
import { ImportRecord } from '../imports/import.entity';
import { ImportUploadService } from '../imports/import-upload.service';

const SWEEP_MS = 15_000;

/**
 * Postgres is the truth, Redis only drives execution: at start-up and then every 15
 * seconds, every row of an unfinished import that has not ended is queued again. A row
 * whose job still exists is left as it is (jobs are added by row id); one whose job was lost
 * (Redis lost its data, a job given up while its outcome could not be written) runs again,
 * which is safe: the create command is idempotent and an outcome is recorded once. An
 * import whose rows have all ended but which was never finished (its last row's process
 * died in between) is finished here.
 */
@Injectable()
export class ImportRecoveryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportRecoveryService.name);
  private readonly task = new PeriodicTask(
    () => this.requeueUnfinished(),
    (err) => this.logger.warn({ err }, 'recovery sweep failed; retrying later'),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly uploads: ImportUploadService,
    private readonly outcomes: ImportOutcomesService,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(SWEEP_MS);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async requeueUnfinished(): Promise<void> {
    const unfinished = await this.dataSource.getRepository(ImportRecord).find({
      select: { id: true, cancelRequested: true, priorityBase: true },
      where: { status: In(['queued', 'running']) },
    });
    for (const record of unfinished) {
      const rows = await this.dataSource.getRepository(ImportRow).find({
        select: { row: true },
        where: {
          importId: record.id,
          status: In(record.cancelRequested ? ['processing'] : ['pending', 'processing']),
        },
      });
      if (rows.length > 0)
        await this.uploads.enqueue(
          record,
          rows.map((r) => r.row),
        );
      // Every row ended, but the process that ended the last one died before finishing it.
      else
        await this.dataSource.transaction((manager) =>
          this.outcomes.finishIfDone(manager, record.id),
        );
    }
  }
}
