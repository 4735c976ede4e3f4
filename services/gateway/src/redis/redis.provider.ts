import { Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { GatewaySettings } from '../config/env';

export const REDIS = Symbol('REDIS');

/**
 * The gateway's Redis: health, and the rate-limit counters shared by every replica (keys
 * under `<QUEUE_PREFIX>:gateway:`). Commands fail at once while Redis is unreachable instead
 * of queueing: a request must not hang on it.
 */
export const redisProvider: Provider = {
  provide: REDIS,
  inject: [GatewaySettings],
  useFactory: (settings: GatewaySettings): Redis => {
    const logger = new Logger('Redis');
    const redis = new Redis(settings.REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      keyPrefix: `${settings.QUEUE_PREFIX}:gateway:`,
    });
    redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis error'));
    return redis;
  },
};

export class RedisCloser implements OnApplicationShutdown {
  constructor(private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
