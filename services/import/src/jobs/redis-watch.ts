import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PeriodicTask, unreachableDependencyLog } from '@app/platform';
import { ImportSettings } from '../config/env';
import { IMPORT_ROWS_QUEUE } from './queues';

const CHECK_EVERY_MS = 5000;

/**
 * Names an unreachable Redis in the log: BullMQ's connection reports each failed attempt
 * as an error event (the cause), and a check of the connection's state every few seconds
 * repeats the warning while it does not answer and notices when it answers again.
 */
@Injectable()
export class RedisWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly unreachable;
  private readonly task = new PeriodicTask(
    () => this.checkReady(),
    () => undefined,
  );

  constructor(
    @InjectQueue(IMPORT_ROWS_QUEUE) private readonly rows: Queue,
    settings: ImportSettings,
  ) {
    this.unreachable = unreachableDependencyLog('redis', settings.REDIS_URL);
  }

  onApplicationBootstrap(): void {
    this.rows.on('error', (err) => this.unreachable.failed(err, this.logger));
    this.task.start(CHECK_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  private async checkReady(): Promise<void> {
    if (!this.unreachable.unreachable) return;
    // The client promise resolves only once connected: a short race tells "not yet".
    const status = await Promise.race([
      this.rows.client.then((client) => client.status),
      new Promise<string>((resolve) => setTimeout(() => resolve('connecting'), 500)),
    ]);
    if (status === 'ready') this.unreachable.answered(this.logger);
    // BullMQ retries up to every 20 s: the warning keeps its 10 s rhythm.
    else this.unreachable.stillFailing(this.logger);
  }
}
