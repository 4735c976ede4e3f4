/**
 * What a Single Sign-On protocol (OIDC, SAML) does for a flow; the flow itself (who began it,
 * the browser it is bound to, one use, attempt limits, the account) is SsoFlows'.
 */

/** OpenID Connect settings of an organization, the client secret opened. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** The ID token claim compared with the Single Sign-On ID (`sub`, `oid`, `email`, ...). */
  ssoIdClaim: string;
}

/** SAML settings of an organization: the provider's metadata as read. */
export interface SamlConfig {
  idpMetadataXml: string;
  /** `NameID`, or the name of an attribute of the assertion. */
  ssoIdAttribute: string;
}

export interface FlowContext {
  organizationId: string;
  /** The gateway's PUBLIC_URL when the flow began, without a trailing slash (see ssoUrls). */
  publicUrl: string;
  /**
   * A random value (43 base64url characters) the provider must send back: OIDC `state`,
   * SAML `RelayState`. It finds the flow; the protocol checks it is the one sent.
   */
  state: string;
}

export interface ProtocolStart {
  /** The provider's sign-in page, with the request. */
  redirectUrl: string;
  /** Kept with the flow until it ends, never shown: nonce, PKCE verifier, SAML request ID. */
  pending: Record<string, string>;
}

/** What the provider sent back through the browser. */
export interface ProviderCallback {
  /** OIDC: the callback URL the browser requested, with its query. */
  callbackUrl?: string;
  /** SAML: the posted `SAMLResponse` (base64) and `RelayState`. */
  samlResponse?: string;
  relayState?: string;
}

/** Who the provider signed in. */
export interface ProviderIdentity {
  ssoId: string;
  /** SAML: the assertion's ID and until when it is valid, to accept it once (replay cache). */
  assertionId?: string;
  assertionValidUntil?: Date;
}

export interface SsoProtocolHandler<TConfig> {
  start(config: TConfig, context: FlowContext): Promise<ProtocolStart>;
  /** Checks everything the protocol requires; an SsoError when anything is wrong. */
  finish(
    config: TConfig,
    context: FlowContext,
    pending: Record<string, string>,
    callback: ProviderCallback,
  ): Promise<ProviderIdentity>;
}

/** SAML's handler also describes the service provider (its metadata XML). */
export interface SamlServiceProvider {
  metadata(context: Pick<FlowContext, 'organizationId' | 'publicUrl'>): string;
}

/** Why a provider's answer was refused: `details.reason` of SSO_FAILED, stable. */
export const SsoFailureReasons = [
  'state-mismatch',
  'nonce-mismatch',
  'provider-error',
  'provider-unreachable',
  'token-invalid',
  'signature-invalid',
  'issuer-mismatch',
  'audience-mismatch',
  'destination-mismatch',
  'in-response-to-mismatch',
  'expired',
  'not-yet-valid',
  'unsigned',
  'replayed',
  'claim-missing',
  'metadata-invalid',
] as const;
export type SsoFailureReason = (typeof SsoFailureReasons)[number];

/** A provider's answer refused, with the reason (said to the person) and what the library said. */
export class SsoError extends Error {
  constructor(
    readonly reason: SsoFailureReason,
    message: string,
  ) {
    super(message);
  }
}
