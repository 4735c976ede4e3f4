import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { createHash } from 'node:crypto';
import { ssoUrls } from '@app/contracts';
import type * as OpenIdClient from 'openid-client';
import { oidcFailure } from './oidc-errors';
import {
  FlowContext,
  OidcConfig,
  ProtocolStart,
  ProviderCallback,
  ProviderIdentity,
  SsoError,
  SsoProtocolHandler,
} from './sso-protocol';

type Client = typeof OpenIdClient;

/**
 * openid-client 6 is ES modules only. Node 20.20 loads it with require() (what the compiled
 * import() below becomes), but Jest's module loader cannot: so it is imported in this file only,
 * on first use, and unit tests of other files never load it.
 */
let loaded: Promise<Client> | undefined;
const openIdClient = (): Promise<Client> => (loaded ??= import('openid-client'));

/** A provider's discovery document is read again after this long. */
const DISCOVERY_TTL_MS = 5 * 60_000;
/** The most clock difference with the provider accepted on `exp`, `nbf` and `iat` (issue 22). */
const CLOCK_TOLERANCE_S = 60;
/** openid-client fetches the JWKS again for an unknown key id only when its copy is this old. */
const JWKS_REFETCH_AGE_S = 60;
const PROVIDER_TIMEOUT_S = 10;

interface Provider {
  config: OpenIdClient.Configuration;
  readUntil: number;
  /** The provider's keys as last fetched, shared by the flows of this issuer and client. */
  jwks?: OpenIdClient.ExportedJWKSCache;
}

/**
 * The OpenID Connect relying party: authorization code with PKCE (S256), `state` and `nonce`,
 * the ID token's signature (from the provider's JWKS), issuer, audience and times checked.
 */
@Injectable()
export class OidcProtocol implements SsoProtocolHandler<OidcConfig> {
  /** Per issuer, client and secret: a changed secret is a new client. */
  private readonly providers = new Map<string, Provider>();

  async start(config: OidcConfig, context: FlowContext): Promise<ProtocolStart> {
    const client = await openIdClient();
    const { config: configuration } = await this.provider(config);
    const codeVerifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: ssoUrls(context.publicUrl, context.organizationId).oidcRedirectUri,
      scope: scopesOf(config).join(' '),
      state: context.state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { redirectUrl: url.href, pending: { codeVerifier, nonce } };
  }

  async finish(
    config: OidcConfig,
    context: FlowContext,
    pending: Record<string, string>,
    callback: ProviderCallback,
  ): Promise<ProviderIdentity> {
    const { codeVerifier, nonce } = pending;
    if (!codeVerifier || !nonce)
      throw new SsoError('token-invalid', 'the flow has no PKCE verifier or nonce');
    const client = await openIdClient();
    const provider = await this.provider(config);
    const configuration = this.forCallback(client, config, provider);
    let claims: OpenIdClient.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(
        configuration,
        callbackAt(context, callback),
        {
          pkceCodeVerifier: codeVerifier,
          expectedNonce: nonce,
          expectedState: context.state,
          idTokenExpected: true,
        },
      );
      claims = tokens.claims();
    } catch (error) {
      throw oidcFailure(error, 'callback');
    } finally {
      provider.jwks = client.getJwksCache(configuration) ?? provider.jwks;
    }
    if (!claims) throw new SsoError('token-invalid', 'the provider answered no ID token');
    // oauth4webapi checks `iat` is not too old, not that it is not from the future.
    if (claims.iat > Date.now() / 1000 + CLOCK_TOLERANCE_S)
      throw new SsoError('not-yet-valid', 'the ID token was issued in the future ("iat")');
    return { ssoId: ssoIdOf(claims, config.ssoIdClaim) };
  }

  /**
   * A Configuration of its own for one callback, with the provider's cached keys: openid-client
   * keeps its JWKS per Configuration and fetches it again for a key id it does not know only when
   * its copy is at least 60 s old. The copy is handed to it dated at least that far back, so a
   * key the provider rotated in is fetched at once, and a known key costs no request.
   */
  private forCallback(
    client: Client,
    config: OidcConfig,
    provider: Provider,
  ): OpenIdClient.Configuration {
    const configuration = new client.Configuration(
      provider.config.serverMetadata(),
      config.clientId,
      { [client.clockTolerance]: CLOCK_TOLERANCE_S },
      clientAuthentication(client, config, provider.config.serverMetadata()),
    );
    configuration.timeout = PROVIDER_TIMEOUT_S;
    // Without this, openid-client 6 does not verify the ID token's signature (code flow over TLS).
    client.enableNonRepudiationChecks(configuration);
    if (loopbackHttp(config.issuer)) client.allowInsecureRequests(configuration);
    if (provider.jwks) {
      const aged = Math.floor(Date.now() / 1000) - JWKS_REFETCH_AGE_S;
      client.setJwksCache(configuration, {
        ...provider.jwks,
        uat: Math.min(provider.jwks.uat, aged),
      });
    }
    return configuration;
  }

  /** The provider's discovery document, read at most every few minutes. */
  private async provider(config: OidcConfig): Promise<Provider> {
    const key = [config.issuer, config.clientId, sha256(config.clientSecret)].join('\n');
    const cached = this.providers.get(key);
    if (cached && cached.readUntil > Date.now()) return cached;
    const client = await openIdClient();
    let configuration: OpenIdClient.Configuration;
    try {
      configuration = await client.discovery(
        new URL(config.issuer),
        config.clientId,
        undefined,
        undefined,
        {
          timeout: PROVIDER_TIMEOUT_S,
          execute: loopbackHttp(config.issuer) ? [client.allowInsecureRequests] : [],
        },
      );
    } catch (error) {
      throw oidcFailure(error, 'discovery');
    }
    const provider: Provider = {
      config: configuration,
      readUntil: Date.now() + DISCOVERY_TTL_MS,
      jwks: cached?.jwks,
    };
    this.providers.set(key, provider);
    return provider;
  }
}

/** `openid` always: without it there is no ID token. */
function scopesOf(config: OidcConfig): string[] {
  return config.scopes.includes('openid') ? config.scopes : ['openid', ...config.scopes];
}

/** client_secret_basic, OpenID Connect's default, unless the provider offers only _post. */
function clientAuthentication(
  client: Client,
  config: OidcConfig,
  metadata: OpenIdClient.ServerMetadata,
): OpenIdClient.ClientAuth {
  const methods = metadata.token_endpoint_auth_methods_supported;
  const postOnly =
    methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
  return postOnly
    ? client.ClientSecretPost(config.clientSecret)
    : client.ClientSecretBasic(config.clientSecret);
}

/**
 * The callback as the provider sent it, at the redirect URI the flow began with: the code is
 * redeemed with that `redirect_uri`, whatever host the browser reached the gateway by.
 */
function callbackAt(context: FlowContext, callback: ProviderCallback): URL {
  if (!callback.callbackUrl) throw new SsoError('token-invalid', 'no callback URL');
  let query: URLSearchParams;
  try {
    query = new URL(callback.callbackUrl, 'http://callback.invalid').searchParams;
  } catch {
    throw new SsoError('token-invalid', 'the callback URL cannot be read');
  }
  const url = new URL(ssoUrls(context.publicUrl, context.organizationId).oidcRedirectUri);
  url.search = query.toString();
  return url;
}

function ssoIdOf(claims: OpenIdClient.IDToken, claim: string): string {
  const value: unknown = claims[claim];
  const ssoId = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof ssoId !== 'string' || ssoId.length === 0)
    throw new SsoError('claim-missing', `the ID token has no "${claim}" claim`);
  return ssoId;
}

/** Plain http is allowed only to a provider on this machine (the tests' providers). */
function loopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
