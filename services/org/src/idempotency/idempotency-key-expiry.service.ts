import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '@app/platform';
import { OrgSettings } from '../config/env';
import { deleteInBatches } from '../sql/delete-in-batches';

/** At most this often, and at most this many keys a statement. */
const MAX_INTERVAL_MS = 10 * 60_000;
const BATCH = 1000;

/**
 * Keys answer their first outcome for IDEMPOTENCY_KEY_RETENTION_SECONDS; then this job
 * deletes them (a key whose account is still being made or undone is left to that). Safe
 * on every replica at once: a delete is a delete.
 */
@Injectable()
export class IdempotencyKeyExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IdempotencyKeyExpiry.name);
  private readonly task = new PeriodicTask(
    async () => {
      const deleted = await this.expire();
      if (deleted > 0) this.logger.log({ deleted }, 'expired idempotency keys');
    },
    (err) => this.logger.warn({ err }, 'key expiry failed; retrying later'),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: OrgSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(
      Math.min(this.settings.IDEMPOTENCY_KEY_RETENTION_SECONDS * 1000, MAX_INTERVAL_MS),
    );
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Deletes every key past its retention; resolves to how many. */
  expire(): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      BATCH,
      `DELETE FROM idempotency_keys WHERE ctid IN (
         SELECT k.ctid FROM idempotency_keys k
          WHERE k.created_at < now() - make_interval(secs => $1)
            AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = k.account_id AND a.state <> 'active')
          LIMIT $2)`,
      [this.settings.IDEMPOTENCY_KEY_RETENTION_SECONDS, BATCH],
    );
  }
}
