import { availableParallelism } from 'node:os';
import { IsInt, Matches, Max, Min, MinLength } from 'class-validator';
import { MessageServiceSettings, POSTGRES_URL_MESSAGE, POSTGRES_URL_PATTERN } from '@app/platform';

export class IdentitySettings extends MessageServiceSettings {
  @Matches(POSTGRES_URL_PATTERN, { message: POSTGRES_URL_MESSAGE })
  IDENTITY_DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/rac_identity';

  /** Signs access tokens (HS256); the gateway verifies them with the same secret. */
  @MinLength(32, { message: 'is required and must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsInt()
  @Min(60)
  @Max(86_400)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  /** Messages worked on at once; each may hash a password (about 15 ms of one core). */
  @IsInt()
  @Min(1)
  @Max(256)
  IDENTITY_PREFETCH: number = 8;

  /**
   * Messages of the bulk lane (import rows) handled at once. Their hashes wait behind every
   * person's (IDENTITY_HASH_CONCURRENCY), so this only needs to keep every core busy:
   * two per core by default.
   */
  @IsInt()
  @Min(1)
  @Max(256)
  IDENTITY_BULK_PREFETCH: number = 2 * availableParallelism();

  /**
   * Password hashes and checks run at once (each about 10-15 ms of one core), a person's
   * first: one per core by default. A sign-in waits for at most one hash to finish.
   */
  @IsInt()
  @Min(1)
  @Max(64)
  IDENTITY_HASH_CONCURRENCY: number = availableParallelism();

  /** Failed sign-ins of one account (email) before it is blocked for SIGN_IN_BLOCK_SECONDS. */
  @IsInt()
  @Min(1)
  @Max(1000)
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: number = 5;

  /** Failed sign-ins from one client address before it is blocked. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: number = 50;

  /** The counting window and the block duration. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  SIGN_IN_BLOCK_SECONDS: number = 900;
}
