import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { SecuritySuite } from './security-suite';

/**
 * Bearer tokens made by a test: signed the way identity signs them, taken apart, or put
 * together by hand (the security suites, test/e2e/security-*.e2e-spec.ts).
 */

export const ISSUER = 'rac-identity';
export const AUDIENCE = 'rac-api';
export const NOW = () => Math.floor(Date.now() / 1000);

export const base64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export interface Claims {
  sub?: unknown;
  org?: unknown;
  role?: unknown;
  mcp?: unknown;
  [claim: string]: unknown;
}

/** Splits a token into its three parts, its header and claims decoded. */
export function decode(token: string): {
  header: Record<string, unknown>;
  claims: Claims;
  signature: string;
} {
  const [header, claims, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()),
    signature,
  };
}

export function handMade(
  header: Record<string, unknown>,
  claims: Claims,
  sign?: { hash: 'sha256' | 'sha384' | 'sha512'; key: string },
): string {
  const input = `${base64url(header)}.${base64url(claims)}`;
  if (!sign) return `${input}.`;
  return `${input}.${createHmac(sign.hash, sign.key).update(input).digest('base64url')}`;
}

/** Valid claims, as identity's TokenIssuer makes them, for the bootstrap Master Administrator. */
export const masterClaims = (suite: SecuritySuite): Claims => ({
  sub: suite.me.id,
  org: suite.me.organizationId,
  role: 'master_admin',
  mcp: false,
});

/** Signs claims as identity does (HS256, its issuer and audience, 10 minutes), or with `key`. */
export const signToken = (
  suite: SecuritySuite,
  claims: Claims,
  options: jwt.SignOptions = {},
  key?: string,
) =>
  jwt.sign(claims, key ?? suite.stack.env.vars.JWT_SECRET, {
    algorithm: 'HS256',
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: 600,
    ...options,
  });
