import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { PeriodicTask } from '@app/platform';
import { ServiceAssertionUsesStore } from './service-assertion-uses.store';

/** An assertion lives at most a minute and a half: its use is worth keeping no longer. */
const INTERVAL_MS = 60_000;

/**
 * Deletes the record of used assertions once they have expired (an expired assertion is
 * refused for its `exp` alone). Safe on every replica at once: a delete is a delete.
 */
@Injectable()
export class ServiceAssertionUseExpiry
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(ServiceAssertionUseExpiry.name);
  private readonly task = new PeriodicTask(
    async () => {
      const deleted = await this.uses.expire();
      if (deleted > 0) this.logger.debug({ deleted }, 'forgot expired service assertions');
    },
    (err) => this.logger.warn({ err }, 'expiry of used service assertions failed; retrying later'),
  );

  constructor(private readonly uses: ServiceAssertionUsesStore) {}

  onApplicationBootstrap(): void {
    this.task.start(INTERVAL_MS);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
