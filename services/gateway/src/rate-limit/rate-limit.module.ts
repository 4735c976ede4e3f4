import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { AuthModule } from '../auth/auth.module';
import { GatewaySettings } from '../config/env';
import { REDIS } from '../redis/redis.provider';
import { rateLimitOptions } from './rate-limit.options';

/**
 * The limits per token and per address (@nestjs/throttler, counters in Redis). The guard,
 * RateLimitGuard, is registered by AppModule ahead of the access guard, so that requests
 * without a valid token are counted too.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [AuthModule],
      inject: [GatewaySettings, REDIS, AccessTokenVerifier],
      useFactory: rateLimitOptions,
    }),
  ],
})
export class RateLimitModule {}
