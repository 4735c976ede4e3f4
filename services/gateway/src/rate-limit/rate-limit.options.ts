import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type Redis from 'ioredis';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { GatewaySettings } from '../config/env';
import { bearerScimToken, scimTokenSha256 } from '../scim/scim-token-secret';
import { RateLimitPolicies } from './rate-limit-policies';

/**
 * The two limits, counted in Redis (so every replica of the gateway shares them) by
 * @nest-lab/throttler-storage-redis: one atomic script per request and limit, a fixed window
 * that starts with the first request, and, past the limit, a block of one window. Keys live
 * under the gateway client's prefix: `<QUEUE_PREFIX>:gateway:{rate:<tracker>:<policy>}:…`.
 */
export function rateLimitOptions(
  settings: GatewaySettings,
  redis: Redis,
  verifier: AccessTokenVerifier,
): ThrottlerModuleOptions {
  const ttl = settings.RATE_LIMIT_WINDOW_SECONDS * 1000;
  return {
    throttlers: [
      // The address tracker is the library's: req.ip, IPv4-mapped addresses as IPv4, IPv6 by /64.
      { name: RateLimitPolicies.ADDRESS, limit: settings.RATE_LIMIT_PER_ADDRESS, ttl },
      {
        name: RateLimitPolicies.TOKEN,
        // A directory's SCIM token has a budget of its own size (RATE_LIMIT_PER_SCIM_TOKEN).
        limit: (context) =>
          bearerScimToken(context.switchToHttp().getRequest<Request>().headers.authorization)
            ? settings.RATE_LIMIT_PER_SCIM_TOKEN
            : settings.RATE_LIMIT_PER_TOKEN,
        ttl,
        getTracker: (request) =>
          verifiedAccountId(verifier, (request as Request).headers.authorization),
      },
    ],
    generateKey: (_context, tracker) => `rate:${tracker}`,
    storage: new ThrottlerStorageRedisService(redis),
  };
}

/**
 * The account of a bearer token whose signature, expiry, issuer and audience check out; ''
 * (not counted per token) for none or a bad one: a forged or expired token must not spend
 * someone else's budget. The access guard verifies the token again; that costs microseconds.
 */
async function verifiedAccountId(
  verifier: AccessTokenVerifier,
  authorization: unknown,
): Promise<string> {
  if (typeof authorization !== 'string') return '';
  // A SCIM token is counted by its digest: a made-up one spends only its own budget.
  const scimToken = bearerScimToken(authorization);
  if (scimToken) return `scim:${scimTokenSha256(scimToken)}`;
  try {
    return (await verifier.verify(authorization)).accountId;
  } catch {
    return '';
  }
}
