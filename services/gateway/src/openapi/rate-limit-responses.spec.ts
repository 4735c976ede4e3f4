import type { OpenAPIObject } from '@nestjs/swagger';
import { documentRateLimits } from './rate-limit-responses';
import {
  PolicyState,
  policyMember,
  RateLimitPolicies,
  stateMember,
} from '../rate-limit/rate-limit-policies';

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/P' } } };

function documentOf(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/things': {
        get: { responses: { '200': { description: 'ok' }, '401': { description: 'no' } } },
      },
      '/auth/login': {
        post: {
          responses: {
            '200': { description: 'ok' },
            '429': { description: 'TOO_MANY_ATTEMPTS', content: problem },
          },
        },
      },
    },
  };
}

describe('the rate limits in the OpenAPI document', () => {
  it('gives every operation a 429 problem+json with Retry-After and the RateLimit fields', () => {
    const document = documentRateLimits(documentOf());

    for (const item of Object.values(document.paths)) {
      const operation = item.get ?? item.post;
      const tooMany = operation!.responses['429'] as { headers: object; content: object };
      expect(Object.keys(tooMany.headers).sort()).toEqual([
        'RateLimit',
        'RateLimit-Policy',
        'Retry-After',
      ]);
      expect(Object.keys(tooMany.content)).toEqual(['application/problem+json']);
    }
    expect(Object.keys(document.components!.headers!).sort()).toEqual([
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
    ]);
  });

  it('puts the RateLimit fields on 2xx and 4xx answers, and keeps an operation’s own 429', () => {
    const document = documentRateLimits(documentOf());

    const things = document.paths['/things'].get!.responses as Record<string, { headers: object }>;
    expect(Object.keys(things['200'].headers)).toEqual(['RateLimit-Policy', 'RateLimit']);
    expect(Object.keys(things['401'].headers)).toEqual(['RateLimit-Policy', 'RateLimit']);
    const login = document.paths['/auth/login'].post!.responses['429'] as { description: string };
    expect(login.description).toMatch(/^TOO_MANY_ATTEMPTS; or TOO_MANY_REQUESTS/);
  });

  it('writes the fields as the draft has them, matching the patterns it documents', () => {
    const state: PolicyState = {
      policy: RateLimitPolicies.TOKEN,
      quota: 300,
      windowSeconds: 60,
      remaining: 12,
      resetSeconds: 7,
    };
    const { components } = documentRateLimits(documentOf());
    const pattern = (name: string) =>
      new RegExp((components!.headers![name] as { schema: { pattern: string } }).schema.pattern);

    expect(policyMember(state)).toBe('"token";q=300;w=60');
    expect(stateMember(state)).toBe('"token";r=12;t=7');
    expect(pattern('RateLimit-Policy').test('"address";q=1200;w=60, "token";q=300;w=60')).toBe(
      true,
    );
    expect(pattern('RateLimit').test('"address";r=1187;t=42, "token";r=290;t=42')).toBe(true);
  });
});
