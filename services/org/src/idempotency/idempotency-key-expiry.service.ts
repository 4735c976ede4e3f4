import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { deleteInBatches, IdempotencyKeyExpiry } from '@app/platform';
import { OrgSettings } from '../config/env';

/** At most this many keys a statement. */
const BATCH = 1000;

/**
 * Deletes org's keys past their retention; a key whose account is still being made or
 * undone is left to that.
 */
@Injectable()
export class OrgIdempotencyKeyExpiry extends IdempotencyKeyExpiry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    settings: OrgSettings,
  ) {
    super(settings.IDEMPOTENCY_KEY_RETENTION_SECONDS);
  }

  expire(): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      BATCH,
      `DELETE FROM idempotency_keys WHERE ctid IN (
         SELECT k.ctid FROM idempotency_keys k
          WHERE k.created_at < now() - make_interval(secs => $1)
            AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = k.account_id AND a.state <> 'active')
          LIMIT $2)`,
      [this.retentionSeconds, BATCH],
    );
  }
}
