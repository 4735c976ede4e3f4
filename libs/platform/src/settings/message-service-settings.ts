import { IsInt, Matches, Max, Min } from 'class-validator';
import { CommonSettings, REDIS_URL_MESSAGE, REDIS_URL_PATTERN } from './common-settings';

/** Settings of the services that answer messages (identity, org, import). */
export class MessageServiceSettings extends CommonSettings {
  /** Counters of other teams' messages (below), shared by every replica and service. */
  @Matches(REDIS_URL_PATTERN, { message: REDIS_URL_MESSAGE })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /**
   * Messages another team's broker user may send in a window, to all services together;
   * past it they are answered RATE_LIMITED with `retryAfterSeconds`. Our own services are
   * not counted.
   */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  BROKER_RATE_LIMIT_PER_USER: number = 1200;

  /** Likewise per principal: the administrator whose token, or the service principal whose assertion, a message carries. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  BROKER_RATE_LIMIT_PER_PRINCIPAL: number = 600;

  @IsInt()
  @Min(1)
  @Max(3600)
  BROKER_RATE_LIMIT_WINDOW_SECONDS: number = 60;
}

/** Settings of the services that keep idempotency keys (org's commands, import's uploads). */
export class IdempotentServiceSettings extends MessageServiceSettings {
  /**
   * How long an idempotency key answers its first outcome, then is free again: org's
   * commands (a job deletes expired keys) and import's uploads alike. A day by default.
   */
  @IsInt()
  @Min(1)
  @Max(30 * 86_400)
  IDEMPOTENCY_KEY_RETENTION_SECONDS: number = 86_400;
}
