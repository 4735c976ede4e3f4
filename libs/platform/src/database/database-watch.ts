import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { unreachableDependencyLog } from '../dependencies/unreachable-dependency-log';
import { PeriodicTask } from '../lifecycle/periodic-task';
import { pingDatabase } from './database-health';

const PROBE_EVERY_MS = 5000;
const PROBE_TIMEOUT_MS = 2000;

/**
 * Asks the database a trivial query every few seconds, so that a Postgres that goes away
 * while the service runs is named in the log even when no request comes (health is only
 * computed when asked).
 */
export class DatabaseWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private readonly task = new PeriodicTask(
    () => this.probe(),
    () => undefined,
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly url: string,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(PROBE_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  private async probe(): Promise<void> {
    const log = unreachableDependencyLog('postgres', this.url);
    try {
      await pingDatabase(this.dataSource, PROBE_TIMEOUT_MS);
      log.answered(this.logger);
    } catch (err) {
      log.failed(err, this.logger);
    }
  }
}
