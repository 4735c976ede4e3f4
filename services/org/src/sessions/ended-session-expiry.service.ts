import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { PeriodicTask } from '@app/platform';
import { EndedSessionsStore } from './ended-sessions.store';

/** How often signed-out sessions whose tokens have expired are forgotten. */
const INTERVAL_MS = 5 * 60_000;

/**
 * A signed-out session is remembered only while its token could still be presented: this
 * job forgets the rest. Safe on every replica at once: a delete is a delete.
 */
@Injectable()
export class EndedSessionExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EndedSessionExpiry.name);
  private readonly task = new PeriodicTask(
    async () => {
      const forgotten = await this.store.forgetExpired();
      if (forgotten > 0) this.logger.log({ forgotten }, 'forgot expired signed-out sessions');
    },
    (err) => this.logger.warn({ err }, 'forgetting signed-out sessions failed; retrying later'),
  );

  constructor(private readonly store: EndedSessionsStore) {}

  onApplicationBootstrap(): void {
    this.task.start(INTERVAL_MS);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
