import { SsoError, SsoFailureReason } from './sso-protocol';

/**
 * The most precise SsoFailureReason for what openid-client (over oauth4webapi) threw. Read from
 * the error's shape (name, code, the `claim` of its cause), so that this file never loads the
 * ES-module-only library (see oidc-protocol.ts). Only the library's messages are kept: never a
 * cause, which can hold the token, the claims or the response.
 */
export function oidcFailure(error: unknown, phase: 'discovery' | 'callback'): SsoError {
  if (error instanceof SsoError) return error;
  const chain = causes(error);
  const said = chain
    .map((e) => e.message)
    .filter((m): m is string => typeof m === 'string' && m.length > 0)
    .slice(0, 2)
    .join(': ');
  const reason = phase === 'discovery' ? discoveryReason(chain) : callbackReason(chain);
  return new SsoError(reason, said || 'the provider answer was refused');
}

interface Cause {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  error?: unknown;
  /** oauth4webapi's cause of a failed check: the claim, or the JWT header, it was about. */
  claim?: unknown;
  alg?: unknown;
  status?: unknown;
  header?: { alg?: unknown };
  cause?: unknown;
}

/** The error and its causes, outermost first (the library wraps once or twice, then says why). */
function causes(error: unknown): Cause[] {
  const chain: Cause[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && chain.length < 5) {
    const link = current as Cause;
    chain.push(link);
    current = link.cause;
  }
  return chain;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'OAUTH_TIMEOUT',
  'OAUTH_ABORT',
]);

function unreachable(chain: Cause[]): boolean {
  return chain.some(
    (e) =>
      (typeof e.code === 'string' &&
        (NETWORK_CODES.has(e.code) || e.code.startsWith('UND_ERR_'))) ||
      (e.name === 'TypeError' && e.message === 'fetch failed') ||
      // An answer that is not the protocol's: a proxy's 502, a provider down for maintenance.
      (typeof e.status === 'number' && e.status >= 500),
  );
}

function has(chain: Cause[], code: string): Cause | undefined {
  return chain.find((e) => e.code === code);
}

function discoveryReason(chain: Cause[]): SsoFailureReason {
  if (unreachable(chain)) return 'provider-unreachable';
  return 'metadata-invalid';
}

function callbackReason(chain: Cause[]): SsoFailureReason {
  // The provider said no (`error` on the callback), or its token endpoint did (invalid_grant).
  if (chain.some((e) => e.name === 'AuthorizationResponseError' || e.name === 'ResponseBodyError'))
    return 'provider-error';
  if (unreachable(chain)) return 'provider-unreachable';
  const messages = chain.map((e) => (typeof e.message === 'string' ? e.message : ''));
  if (messages.some((m) => m.includes('"state"'))) return 'state-mismatch';
  const claim = chain.find((e) => typeof e.claim === 'string')?.claim;
  if (has(chain, 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') && claim === 'nonce') return 'nonce-mismatch';
  if (has(chain, 'OAUTH_JWT_CLAIM_COMPARISON_FAILED')) {
    if (claim === 'iss') return 'issuer-mismatch';
    if (claim === 'aud' || claim === 'azp') return 'audience-mismatch';
  }
  if (has(chain, 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED'))
    return claim === 'nbf' ? 'not-yet-valid' : 'expired';
  if (messages.some((m) => m.includes('"alg"'))) {
    const alg = chain.find((e) => e.header)?.header?.alg ?? chain.find((e) => e.alg)?.alg;
    return alg === 'none' ? 'unsigned' : 'signature-invalid';
  }
  if (
    has(chain, 'OAUTH_KEY_SELECTION_FAILED') ||
    messages.some((m) => m.includes('signature verification failed') || m.includes('JWS "alg"'))
  )
    return 'signature-invalid';
  return 'token-invalid';
}
