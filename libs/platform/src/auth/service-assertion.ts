import { createPublicKey, verify } from 'node:crypto';
import {
  ACCESS_TOKEN_MAX_LENGTH,
  SERVICE_ASSERTION_AUDIENCE,
  SERVICE_ASSERTION_MAX_SECONDS,
} from '@app/contracts';
import { ACCESS_TOKEN_PATTERN, InvalidAccessToken } from './access-token';

/** What verifying a service principal's assertion needs to know of it. */
export interface ServicePrincipalRecord {
  id: string;
  organizationId: string;
  scopes: string[];
  /** Ed25519, 32 raw bytes in base64url. */
  publicKey: string;
  enabled: boolean;
}

export type ServicePrincipalLookup = (id: string) => Promise<ServicePrincipalRecord | undefined>;

/** Clocks of two machines disagree a little. */
const CLOCK_SKEW_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function json(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a bearer token is a service principal's assertion (EdDSA) rather than an access token. */
export function isServiceAssertion(token: string): boolean {
  return json(token.split('.')[0] ?? '')?.alg === 'EdDSA';
}

/**
 * Verifies a service principal's assertion (RFC 7523's private_key_jwt, signed with Ed25519):
 * a short JWT it signs itself with the private key whose public half its Master Administrator
 * registered. The principal must exist and be enabled.
 */
export async function verifyServiceAssertion(
  token: string,
  lookup: ServicePrincipalLookup,
  now = Date.now() / 1000,
): Promise<ServicePrincipalRecord> {
  const invalid = () => new InvalidAccessToken('the assertion is invalid or expired');
  if (token.length > ACCESS_TOKEN_MAX_LENGTH || !ACCESS_TOKEN_PATTERN.test(token)) throw invalid();
  const [head, body, signature] = token.split('.');
  const header = json(head);
  const claims = json(body);
  if (header?.alg !== 'EdDSA' || !claims) throw invalid();
  const { iss, aud, iat, exp } = claims;
  if (
    typeof iss !== 'string' ||
    !UUID.test(iss) ||
    aud !== SERVICE_ASSERTION_AUDIENCE ||
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    exp - iat > SERVICE_ASSERTION_MAX_SECONDS ||
    iat > now + CLOCK_SKEW_SECONDS ||
    exp < now - CLOCK_SKEW_SECONDS
  ) {
    throw invalid();
  }
  const principal = await lookup(iss);
  if (!principal?.enabled) throw invalid();
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: principal.publicKey },
    format: 'jwk',
  });
  const signed = verify(
    null,
    Buffer.from(`${head}.${body}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) throw invalid();
  return principal;
}
