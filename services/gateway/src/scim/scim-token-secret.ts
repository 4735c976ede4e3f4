import { createHash, randomBytes } from 'node:crypto';

/** What every SCIM token starts with: tells it from an access token (a JWT) at a glance. */
export const SCIM_TOKEN_PREFIX = 'rac_scim_';

/**
 * A new SCIM token: 256 random bits after the prefix, and its sha-256, all that leaves this
 * process (org keeps the digest; the token is shown once, in the REST answer).
 */
export function newScimToken(): { token: string; sha256: string } {
  const token = `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, sha256: scimTokenSha256(token) };
}

export function scimTokenSha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The SCIM token of an `Authorization: Bearer …` header, if it holds one. */
export function bearerScimToken(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  const token = match?.[1];
  return token?.startsWith(SCIM_TOKEN_PREFIX) && token.length <= 128 ? token : undefined;
}
