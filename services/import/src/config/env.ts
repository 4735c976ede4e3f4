import { IsInt, IsOptional, Matches, Max, Min, MinLength } from 'class-validator';
import { BATCH_MAX_ITEMS } from '@app/contracts';
import {
  IdempotentServiceSettings,
  POSTGRES_URL_MESSAGE,
  POSTGRES_URL_PATTERN,
} from '@app/platform';

export class ImportSettings extends IdempotentServiceSettings {
  /**
   * Verifies the access tokens other teams' services send with their messages (the secret
   * identity signs them with). Unset: only this product's own services are heard.
   */
  @IsOptional()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @Matches(POSTGRES_URL_PATTERN, { message: POSTGRES_URL_MESSAGE })
  IMPORT_DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/rac_import';

  @IsInt()
  @Min(1)
  @Max(256)
  IMPORT_PREFETCH: number = 8;

  /** Messages of the bulk lane handled at once (the import service itself receives none today). */
  @IsInt()
  @Min(1)
  @Max(256)
  IMPORT_BULK_PREFETCH: number = 2;

  /**
   * Rows sent to org in one `org.technician.create-batch.v1` (one BullMQ job). The per-row
   * messages and statements are shared by the batch; see docs/BENCHMARKS.md for the size.
   */
  @IsInt()
  @Min(1)
  @Max(BATCH_MAX_ITEMS)
  IMPORT_BATCH_SIZE: number = 25;

  /** Batches of rows one process works on at once (BullMQ worker concurrency). */
  @IsInt()
  @Min(1)
  @Max(256)
  IMPORT_CONCURRENCY: number = 4;

  /**
   * Attempts at a batch of rows while org does not answer (1 s doubling to 30 s between
   * them: 20 is about 8 minutes). Then its rows' outcomes are settled with org, never guessed.
   */
  @IsInt()
  @Min(1)
  @Max(100)
  IMPORT_ROW_ATTEMPTS: number = 20;
}
