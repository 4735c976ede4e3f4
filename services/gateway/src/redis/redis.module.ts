import { Global, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS, RedisConnection, redisProvider } from './redis.provider';

/** The gateway's one Redis client, for health and the rate limits. */
@Global()
@Module({
  providers: [
    redisProvider,
    {
      provide: RedisConnection,
      inject: [REDIS],
      useFactory: (redis: Redis) => new RedisConnection(redis),
    },
  ],
  exports: [REDIS],
})
export class RedisModule {}
