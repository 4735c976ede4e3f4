import { Global, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS, RedisCloser, redisProvider } from './redis.provider';

/** The gateway's one Redis client, for health and the rate limits. */
@Global()
@Module({
  providers: [
    redisProvider,
    { provide: RedisCloser, inject: [REDIS], useFactory: (redis: Redis) => new RedisCloser(redis) },
  ],
  exports: [REDIS],
})
export class RedisModule {}
