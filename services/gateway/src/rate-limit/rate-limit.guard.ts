import { Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerModuleOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { Response } from 'express';
import { ErrorCodes } from '@app/contracts';
import { ProblemException } from '../problem/problem.exception';
import {
  PolicyState,
  policyMember,
  RateLimitPolicies,
  RateLimitPolicy,
  stateMember,
} from './rate-limit-policies';

/** How long a request waits for its counter before it goes on uncounted. */
export const COUNTER_TIMEOUT_MS = 500;

/** At most one warning per this many milliseconds while the counters are unreachable. */
const WARNING_INTERVAL_MS = 30_000;

/**
 * @nestjs/throttler's guard, with this API's answers: every counted request carries the IETF
 * RateLimit-Policy and RateLimit fields (one member per limit), and past a limit the answer
 * is 429 TOO_MANY_REQUESTS as problem+json with Retry-After. When Redis does not answer the
 * request is let through uncounted (fail open) with a warning: /health reports Redis, and an
 * outage of the counters must not become an outage of the API.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private lastWarningAt = 0;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
    this.logger = new Logger(RateLimitGuard.name);
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const { req, res } = this.getRequestResponse(context);
    const policy = throttler.name as RateLimitPolicy;
    const tracker = await getTracker(req, context);
    if (!tracker) return true;

    let record: Awaited<ReturnType<ThrottlerStorage['increment']>>;
    try {
      record = await withTimeout(
        this.storageService.increment(
          generateKey(context, tracker, policy),
          ttl,
          limit,
          blockDuration,
          policy,
        ),
        COUNTER_TIMEOUT_MS,
      );
    } catch (err) {
      this.warnUncounted(err);
      return true;
    }

    const state: PolicyState = {
      policy,
      quota: limit,
      windowSeconds: Math.ceil(ttl / 1000),
      remaining: record.isBlocked ? 0 : Math.max(0, limit - record.totalHits),
      resetSeconds: Math.max(1, record.isBlocked ? record.timeToBlockExpire : record.timeToExpire),
    };
    appendListMember(res as Response, 'RateLimit-Policy', policyMember(state));
    appendListMember(res as Response, 'RateLimit', stateMember(state));
    if (record.isBlocked) {
      const who = policy === RateLimitPolicies.TOKEN ? 'this token' : 'this client address';
      throw new ProblemException(
        ErrorCodes.TOO_MANY_REQUESTS,
        `too many requests from ${who}: at most ${limit} every ${state.windowSeconds} s; ` +
          `retry in ${state.resetSeconds} s`,
        [],
        undefined,
        { 'Retry-After': String(state.resetSeconds) },
      );
    }
    return true;
  }

  private warnUncounted(err: unknown): void {
    const now = Date.now();
    if (now - this.lastWarningAt < WARNING_INTERVAL_MS) return;
    this.lastWarningAt = now;
    this.logger.warn(
      { err: err instanceof Error ? err.message : String(err) },
      'rate-limit counters unreachable: requests go through uncounted',
    );
  }
}

/** Adds a member to a structured-field list header (one line, members joined by ", "). */
function appendListMember(res: Response, name: string, member: string): void {
  const current = res.getHeader(name);
  res.setHeader(name, current ? `${String(current)}, ${member}` : member);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
