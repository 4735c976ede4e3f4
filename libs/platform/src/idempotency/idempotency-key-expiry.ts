import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicTask } from '../lifecycle/periodic-task';

/** At most this often. */
const MAX_INTERVAL_MS = 10 * 60_000;

/**
 * Keys answer their first outcome for IDEMPOTENCY_KEY_RETENTION_SECONDS (the one setting,
 * IdempotentServiceSettings); then a service's expiry, this task, frees them: every
 * retention (at most every ten minutes) it calls `expire`, which each service writes for its
 * own table. Safe on every replica at once: freeing a key twice frees it once.
 */
export abstract class IdempotencyKeyExpiry
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  protected readonly logger = new Logger(this.constructor.name);
  private readonly task = new PeriodicTask(
    async () => {
      const freed = await this.expire();
      if (freed > 0) this.logger.log({ freed }, 'expired idempotency keys');
    },
    (err) => this.logger.warn({ err }, 'key expiry failed; retrying later'),
  );

  protected constructor(protected readonly retentionSeconds: number) {}

  onApplicationBootstrap(): void {
    this.task.start(Math.min(this.retentionSeconds * 1000, MAX_INTERVAL_MS));
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Frees every key past `retentionSeconds`; resolves to how many. */
  abstract expire(): Promise<number>;
}
