import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Settings every service reads. Each service's own class extends this one. */
export class CommonSettings {
  @Matches(/^amqps?:\/\/\S+$/, { message: 'must be an amqp:// or amqps:// URL' })
  RABBITMQ_URL: string = 'amqp://guest:guest@127.0.0.1:5672';

  /** Namespaces every queue, exchange and BullMQ key, so that two stacks can share a broker. */
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/i, {
    message: 'must be 1-40 letters, digits, "_" or "-", starting with a letter or digit',
  })
  QUEUE_PREFIX: string = 'rac';

  /**
   * The RabbitMQ users of this product's services, comma-separated: messages they send (with
   * their `user_id`) name their actor; any other sender must prove it with a token. Unset:
   * the user of RABBITMQ_URL, for a stack where every service connects as one user.
   */
  @IsOptional()
  @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'must be broker user names, comma-separated' })
  INTERNAL_BROKER_USERS?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** How long a request/reply call waits before its outcome counts as unknown. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  RPC_TIMEOUT_MS: number = 5000;

  /** How long a stopping service may take to finish in-flight work before it exits anyway. */
  @IsInt()
  @Min(1000)
  @Max(60_000)
  SHUTDOWN_TIMEOUT_MS: number = 10_000;
}

export const POSTGRES_URL_PATTERN = /^postgres(ql)?:\/\/\S+\/[A-Za-z0-9_]{1,63}(\?\S*)?$/;
export const POSTGRES_URL_MESSAGE = 'must be a postgres:// URL that names a database';
export const REDIS_URL_PATTERN = /^rediss?:\/\/\S+$/;
export const REDIS_URL_MESSAGE = 'must be a redis:// or rediss:// URL';
