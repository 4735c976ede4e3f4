import { oidcFailure } from './oidc-errors';
import { OidcProtocol } from './oidc-protocol';
import { SsoError } from './sso-protocol';

/** Errors shaped as openid-client 6 throws them: a ClientError around oauth4webapi's error. */
function clientError(code: string, message: string, cause: object): Error {
  const inner = Object.assign(new Error(message, { cause }), {
    name: 'OperationProcessingError',
    code,
  });
  return Object.assign(new Error('wrapped', { cause: inner }), { name: 'ClientError', code });
}

describe('oidcFailure', () => {
  it('names the claim a failed comparison or time check was about', () => {
    const cases: Array<[string, string, object, string]> = [
      [
        'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
        'unexpected ID Token "nonce"',
        { claim: 'nonce' },
        'nonce-mismatch',
      ],
      [
        'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
        'unexpected JWT "iss"',
        { claim: 'iss' },
        'issuer-mismatch',
      ],
      [
        'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
        'unexpected JWT "aud"',
        { claim: 'aud' },
        'audience-mismatch',
      ],
      ['OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'unexpected JWT "exp"', { claim: 'exp' }, 'expired'],
      [
        'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
        'unexpected JWT "nbf"',
        { claim: 'nbf' },
        'not-yet-valid',
      ],
      ['OAUTH_INVALID_RESPONSE', 'JWT signature verification failed', {}, 'signature-invalid'],
      ['OAUTH_KEY_SELECTION_FAILED', 'no applicable keys found', {}, 'signature-invalid'],
      [
        'OAUTH_INVALID_RESPONSE',
        'unexpected JWT "alg" header parameter',
        { header: { alg: 'none' } },
        'unsigned',
      ],
      [
        'OAUTH_INVALID_RESPONSE',
        'unexpected JWT "alg" header parameter',
        { header: { alg: 'HS256' } },
        'signature-invalid',
      ],
      [
        'OAUTH_INVALID_RESPONSE',
        'unexpected "state" response parameter value',
        {},
        'state-mismatch',
      ],
      ['OAUTH_INVALID_RESPONSE', 'JWT "sub" (subject) claim missing', {}, 'token-invalid'],
    ];
    for (const [code, message, cause, reason] of cases)
      expect([message, oidcFailure(clientError(code, message, cause), 'callback').reason]).toEqual([
        message,
        reason,
      ]);
  });

  it('tells the provider’s refusal from a provider that cannot be reached', () => {
    const refused = Object.assign(new Error('error in the response body'), {
      name: 'ResponseBodyError',
      status: 400,
    });
    expect(oidcFailure(refused, 'callback').reason).toBe('provider-error');
    const down = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(oidcFailure(down, 'callback').reason).toBe('provider-unreachable');
    expect(oidcFailure(down, 'discovery').reason).toBe('provider-unreachable');
    const badGateway = Object.assign(new Error('unexpected HTTP response status code'), {
      code: 'OAUTH_RESPONSE_IS_NOT_CONFORM',
      cause: { status: 502 },
    });
    expect(oidcFailure(badGateway, 'callback').reason).toBe('provider-unreachable');
    expect(oidcFailure(new Error('not JSON'), 'discovery').reason).toBe('metadata-invalid');
  });

  it('keeps the library’s words, never what it carried (the claims, the token)', () => {
    const failure = oidcFailure(
      clientError('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected ID Token "nonce" claim value', {
        claim: 'nonce',
        claims: { sub: 'secret-subject', nonce: 'n' },
      }),
      'callback',
    );
    expect(failure).toBeInstanceOf(SsoError);
    expect(failure.message).toBe('wrapped: unexpected ID Token "nonce" claim value');
    expect(JSON.stringify({ ...failure, message: failure.message })).not.toContain(
      'secret-subject',
    );
  });
});

describe('OidcProtocol', () => {
  // Had the file imported openid-client (an ES module) at load, this spec could not load in Jest.
  it('loads openid-client only when a flow needs it', () => {
    expect(new OidcProtocol()).toBeInstanceOf(OidcProtocol);
  });
});
