import type { HeaderObject, OpenAPIObject, ResponseObject } from '@nestjs/swagger';
import { forEachOperationResponses } from './common-responses';
import { RateLimitPolicies } from '../rate-limit/rate-limit-policies';

/**
 * The longest wait a 429 of this API asks for: a day, identity's longest sign-in block
 * (SIGN_IN_BLOCK_SECONDS); the gateway's window (RATE_LIMIT_WINDOW_SECONDS) is at most an hour.
 */
export const RETRY_AFTER_MAX_SECONDS = 86_400;

const POLICY = `"(${Object.values(RateLimitPolicies).join('|')})"`;
const list = (member: string) => `^${member}(, ${member})*$`;

/** The headers of the rate limits, under components.headers. */
export const RATE_LIMIT_HEADERS: Record<string, HeaderObject> = {
  'RateLimit-Policy': {
    description:
      'The limits this request counted against (draft-ietf-httpapi-ratelimit-headers): ' +
      '`address` (per client address) and, with a valid token, `token` (per account); ' +
      '`q` requests per `w` seconds. Absent from answers given before the limits count (an ' +
      'unreadable body, an unknown route) and when the counters could not be reached (the ' +
      'request then went through uncounted).',
    schema: { type: 'string', maxLength: 128, pattern: list(`${POLICY};q=\\d+;w=\\d+`) },
    example: '"address";q=1200;w=60, "token";q=300;w=60',
  },
  RateLimit: {
    description:
      'What is left of each limit: `r` requests for the next `t` seconds. Absent when ' +
      'RateLimit-Policy is.',
    schema: { type: 'string', maxLength: 128, pattern: list(`${POLICY};r=\\d+;t=\\d+`) },
    example: '"address";r=1187;t=42, "token";r=290;t=42',
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: RETRY_AFTER_MAX_SECONDS },
    example: 42,
  },
};

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

const TOO_MANY_REQUESTS =
  'TOO_MANY_REQUESTS: past a rate limit (per token or per client address); wait Retry-After seconds';

/**
 * Documents the rate limits on every operation: the RateLimit fields on every 2xx and 4xx
 * answer, and a 429 problem+json with Retry-After. Done on the generated document rather
 * than per controller, as the guard applies to every route.
 */
export function documentRateLimits(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    headers: { ...document.components?.headers, ...RATE_LIMIT_HEADERS },
  };
  forEachOperationResponses(document, (responses) => {
    const own = responses['429'] as ResponseObject | undefined;
    responses['429'] = {
      description: own ? `${own.description}; or ${TOO_MANY_REQUESTS}` : TOO_MANY_REQUESTS,
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
      },
      headers: { 'Retry-After': ref('Retry-After') },
    };
    for (const [status, response] of Object.entries(responses)) {
      if (!/^[24]/.test(status)) continue;
      response.headers = {
        ...response.headers,
        'RateLimit-Policy': ref('RateLimit-Policy'),
        RateLimit: ref('RateLimit'),
      };
    }
  });
  return document;
}
