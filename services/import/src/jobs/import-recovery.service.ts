import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { PeriodicTask } from '@app/platform';
import { ImportRowsQueue } from './import-rows.queue';
import { RowOutcomesService } from '../rows/row-outcomes.service';
import { ImportRow } from '../database/import-row.entity';
import { Import } from '../database/import.entity';

const SWEEP_MS = 15_000;

/**
 * Postgres is the truth, Redis only drives execution: at start-up and then every 15
 * seconds, every row of an unfinished import that has not ended is queued again, in its
 * batch. A batch whose job still exists is left as it is (a job's id is fixed by its rows'
 * numbers: queues.ts `batchesOf`); one whose job was lost (Redis lost its data, a job given
 * up while its outcomes could not be written) runs again,
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
    private readonly rowsQueue: ImportRowsQueue,
    private readonly outcomes: RowOutcomesService,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(SWEEP_MS);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async requeueUnfinished(): Promise<void> {
    const unfinished = await this.dataSource.getRepository(Import).find({
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
        await this.rowsQueue.enqueue(
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
