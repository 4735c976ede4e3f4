import { createHash, createPublicKey, verify } from 'node:crypto';
import {
  ACCESS_TOKEN_MAX_LENGTH,
  SERVICE_ASSERTION_AUDIENCE,
  SERVICE_ASSERTION_JTI_MAX_LENGTH,
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

/** One use of an assertion: its principal and `jti`, and the message it came with. */
export interface AssertionUse {
  principalId: string;
  jti: string;
  /** Until when the assertion could be accepted: the record of its use may go after that. */
  keepUntil: Date;
  /** A digest of the message (pattern, content, reply address and correlation id). */
  messageDigest: string;
  /** The broker delivers this message again (it was not acknowledged the first time). */
  redelivered: boolean;
}

/**
 * Where service principals are kept, shared by every replica of the service that hears
 * them (org's database), so that an assertion is accepted once wherever it arrives.
 */
export interface ServicePrincipalDirectory {
  /** The principal with this id, of any organization. */
  find(id: string): Promise<ServicePrincipalRecord | undefined>;
  /**
   * Records the use of an assertion's `jti` (and the principal's last use). False when the
   * principal used that `jti` before, unless this is the broker delivering that same message
   * again (its handler failed, or the process stopped, before it was acknowledged).
   */
  firstUse(use: AssertionUse): Promise<boolean>;
}

/** What the message an assertion came with is, for telling a redelivery from a replay. */
export interface AssertedMessage {
  pattern: string;
  content: Buffer;
  replyTo?: string;
  correlationId?: string;
  redelivered: boolean;
}

/** Clocks of two machines disagree a little. */
const CLOCK_SKEW_SECONDS = 30;
/** A used `jti` is kept this much longer than its assertion could live (the database's clock may differ). */
const KEEP_MARGIN_SECONDS = 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Printable ASCII: a `jti` is compared byte for byte and stored as text. */
const JTI_PATTERN = new RegExp(`^[\\x21-\\x7e]{1,${SERVICE_ASSERTION_JTI_MAX_LENGTH}}$`);

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

/** The digest a message's use of an assertion is recorded with. */
export function messageDigest(message: AssertedMessage): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        message.pattern,
        message.content.toString('base64'),
        message.replyTo ?? null,
        message.correlationId ?? null,
      ]),
    )
    .digest('hex');
}

/**
 * Verifies a service principal's assertion (RFC 7523's private_key_jwt, signed with Ed25519):
 * a short JWT it signs itself with the private key whose public half its Master Administrator
 * registered, for one message. The principal must exist and be enabled, the assertion live
 * at most SERVICE_ASSERTION_MAX_SECONDS, and its `jti` be new for this principal: an
 * assertion seen once is refused with any other message, or the same one sent again (only
 * the broker's redelivery of that very message passes, so that at-least-once delivery holds).
 */
export async function verifyServiceAssertion(
  token: string,
  directory: ServicePrincipalDirectory,
  message: AssertedMessage,
  now = Date.now() / 1000,
): Promise<ServicePrincipalRecord> {
  const invalid = () => new InvalidAccessToken('the assertion is invalid or expired');
  if (token.length > ACCESS_TOKEN_MAX_LENGTH || !ACCESS_TOKEN_PATTERN.test(token)) throw invalid();
  const [head, body, signature] = token.split('.');
  const header = json(head);
  const claims = json(body);
  if (header?.alg !== 'EdDSA' || !claims) throw invalid();
  const { iss, aud, iat, exp, jti } = claims;
  if (
    typeof iss !== 'string' ||
    !UUID.test(iss) ||
    aud !== SERVICE_ASSERTION_AUDIENCE ||
    typeof jti !== 'string' ||
    !JTI_PATTERN.test(jti) ||
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    !(exp > iat) ||
    exp - iat > SERVICE_ASSERTION_MAX_SECONDS ||
    iat > now + CLOCK_SKEW_SECONDS ||
    exp < now - CLOCK_SKEW_SECONDS
  ) {
    throw invalid();
  }
  const principal = await directory.find(iss);
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
  // Only a signed assertion is recorded: nobody else can spend a principal's jti.
  const first = await directory.firstUse({
    principalId: principal.id,
    jti,
    keepUntil: new Date((exp + CLOCK_SKEW_SECONDS + KEEP_MARGIN_SECONDS) * 1000),
    messageDigest: messageDigest(message),
    redelivered: message.redelivered,
  });
  if (!first) {
    throw new InvalidAccessToken(
      'this assertion was already used: sign a new one (a new jti) for every message',
    );
  }
  return principal;
}
