import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { deleteInBatches, IdempotencyKeyExpiry } from '@app/platform';
import { ImportSettings } from '../config/env';

/** At most this many imports a statement. */
const BATCH = 1000;

/**
 * Frees the Idempotency-Key of imports past IDEMPOTENCY_KEY_RETENTION_SECONDS (the import
 * stays; only its key goes), so that the key can name a new upload.
 */
@Injectable()
export class ImportIdempotencyKeyExpiry extends IdempotencyKeyExpiry {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    settings: ImportSettings,
  ) {
    super(settings.IDEMPOTENCY_KEY_RETENTION_SECONDS);
  }

  expire(): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      BATCH,
      `UPDATE imports SET idempotency_key = NULL WHERE id IN (
         SELECT id FROM imports
          WHERE idempotency_key IS NOT NULL AND created_at < now() - make_interval(secs => $1)
          LIMIT $2)`,
      [this.retentionSeconds, BATCH],
    );
  }
}
