import { Logger, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { unreachableDependencyLog } from '@app/platform';
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
    // ioredis reports every failed reconnection: the log says it once per 10 s.
    const unreachable = unreachableDependencyLog('redis', settings.REDIS_URL);
    redis.on('error', (err: Error) => unreachable.failed(err, logger));
    redis.on('ready', () => unreachable.answered(logger));
    return redis;
  },
};

/** How long start-up waits for Redis: past it the gateway starts anyway (and counts nothing until Redis answers). */
export const REDIS_START_WAIT_MS = 2000;

/**
 * Waits (briefly) for the connection before the gateway listens, so that its first requests
 * are counted, and closes it on shutdown.
 */
export class RedisConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly redis: Redis) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise((resolve) => this.redis.once('ready', resolve)),
      new Promise((resolve) => (timer = setTimeout(resolve, REDIS_START_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
