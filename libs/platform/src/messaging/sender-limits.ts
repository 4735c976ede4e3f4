import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { unreachableDependencyLog } from '../dependencies/unreachable-dependency-log';

export interface SenderLimitsOptions {
  redisUrl: string;
  prefix: string;
  perUser: number;
  perPrincipal: number;
  windowSeconds: number;
}

export type SenderKind = 'user' | 'principal';

/** What the PrincipalGate asks of the limits (SenderLimits, or a stand-in in unit tests). */
export interface MessageLimits {
  /** Counts one message; undefined when within the limit, else the seconds until the next is taken. */
  consume(kind: SenderKind, id: string): Promise<number | undefined>;
  close(): Promise<void>;
}

/**
 * How many messages another team may send: per broker user and per principal, over a
 * window, counted in Redis (rate-limiter-flexible) so that every replica of every service
 * shares one budget. While Redis is unreachable each process counts on its own (the
 * library's insurance limiter): the limit holds, only less exactly.
 */
export class SenderLimits implements MessageLimits {
  private readonly redis: Redis;
  private readonly limiters: Record<SenderKind, RateLimiterRedis>;

  constructor(options: SenderLimitsOptions) {
    const logger = new Logger('SenderLimits');
    this.redis = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    const unreachable = unreachableDependencyLog('redis', options.redisUrl);
    this.redis.on('error', (err: Error) => unreachable.failed(err, logger));
    this.redis.on('ready', () => unreachable.answered(logger));
    const limiter = (kind: SenderKind, points: number) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${options.prefix}:amqp-senders:${kind}`,
        points,
        duration: options.windowSeconds,
        insuranceLimiter: new RateLimiterMemory({ points, duration: options.windowSeconds }),
      });
    this.limiters = {
      user: limiter('user', options.perUser),
      principal: limiter('principal', options.perPrincipal),
    };
  }

  async consume(kind: SenderKind, id: string): Promise<number | undefined> {
    try {
      await this.limiters[kind].consume(id);
      return undefined;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
