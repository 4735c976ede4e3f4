import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type CacheProvider,
  type Profile,
  SAML,
  type SamlConfig as NodeSamlConfig,
  ValidateInResponseTo,
  generateServiceProviderMetadata,
} from '@node-saml/node-saml';
import { ssoUrls } from '@app/contracts';
import { type IdpMetadata, parseIdpMetadata } from './saml-metadata';
import {
  destinationOf,
  hasCommentInAssertion,
  parseResponse,
  recipientsOf,
  refusal,
  validUntilOf,
} from './saml-response';
import {
  type FlowContext,
  type ProtocolStart,
  type ProviderCallback,
  type ProviderIdentity,
  type SamlConfig,
  type SamlServiceProvider,
  SsoError,
  type SsoProtocolHandler,
} from './sso-protocol';

const CLOCK_SKEW_MS = 60_000;
/** The SP asks for no particular NameID format: the organization says what identifies people. */
const NAME_ID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

/**
 * node-saml checks InResponseTo against a cache of the requests it sent; this one knows only
 * the request of the flow at hand, so another flow's response, or one no request asked for
 * (IdP-initiated), is refused.
 */
function oneRequestCache(requestId: string | undefined): CacheProvider {
  const startedAt = new Date().toISOString();
  return {
    saveAsync: () => Promise.resolve(null),
    getAsync: (key) => Promise.resolve(requestId && key === requestId ? startedAt : null),
    removeAsync: () => Promise.resolve(null),
  };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The SAML 2.0 service provider of one organization, over node-saml. */
@Injectable()
export class SamlProtocol implements SsoProtocolHandler<SamlConfig>, SamlServiceProvider {
  async start(config: SamlConfig, context: FlowContext): Promise<ProtocolStart> {
    const idp = parseIdpMetadata(config.idpMetadataXml);
    let requestId = '';
    const saml = this.serviceProvider(idp, context, {
      saveAsync: (key, value) => {
        requestId = key;
        return Promise.resolve({ value, createdAt: Date.now() });
      },
      getAsync: () => Promise.resolve(null),
      removeAsync: () => Promise.resolve(null),
    });
    const redirectUrl = await saml.getAuthorizeUrlAsync(context.state, undefined, {});
    if (!requestId) throw new Error('node-saml made an AuthnRequest without telling its ID');
    return { redirectUrl, pending: { requestId } };
  }

  async finish(
    config: SamlConfig,
    context: FlowContext,
    pending: Record<string, string>,
    callback: ProviderCallback,
  ): Promise<ProviderIdentity> {
    if (!callback.samlResponse) throw new SsoError('token-invalid', 'No SAMLResponse was posted');
    if (!callback.relayState || !sameText(callback.relayState, context.state)) {
      throw new SsoError('state-mismatch', "The RelayState is not this flow's");
    }
    const idp = parseIdpMetadata(config.idpMetadataXml);
    const doc = parseResponse(callback.samlResponse);
    const saml = this.serviceProvider(idp, context, oneRequestCache(pending.requestId));
    let profile: Profile | null;
    try {
      ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: callback.samlResponse }));
    } catch (error) {
      throw refusal(error, doc, CLOCK_SKEW_MS);
    }
    if (!profile) throw new SsoError('token-invalid', 'The SAML response holds no assertion');
    return this.identity(config, context, idp, doc, profile);
  }

  /** The SP metadata to give the provider's administrator; assertions must be signed. */
  metadata(context: Pick<FlowContext, 'organizationId' | 'publicUrl'>): string {
    const urls = ssoUrls(context.publicUrl, context.organizationId);
    return generateServiceProviderMetadata({
      issuer: urls.samlEntityId,
      callbackUrl: urls.samlAcsUrl,
      identifierFormat: NAME_ID_FORMAT,
      wantAssertionsSigned: true,
    });
  }

  /** The checks node-saml leaves to its caller, then who the signed assertion names. */
  private identity(
    config: SamlConfig,
    context: FlowContext,
    idp: IdpMetadata,
    doc: Document,
    profile: Profile,
  ): ProviderIdentity {
    const { samlAcsUrl } = ssoUrls(context.publicUrl, context.organizationId);
    const destination = destinationOf(doc);
    if (destination !== samlAcsUrl) {
      throw new SsoError(
        'destination-mismatch',
        `The response is for ${destination ?? 'no destination'}`,
      );
    }
    const assertionXml = profile.getAssertionXml?.() ?? '';
    if (recipientsOf(assertionXml).some((recipient) => recipient !== samlAcsUrl)) {
      throw new SsoError('destination-mismatch', 'The assertion is for another recipient');
    }
    if (hasCommentInAssertion(doc)) {
      throw new SsoError('token-invalid', 'The assertion carries an XML comment');
    }
    if (profile.issuer !== idp.entityId) {
      throw new SsoError('issuer-mismatch', `The assertion was issued by ${profile.issuer}`);
    }
    const assertion = profile.getAssertion?.() as
      { Assertion?: { $?: { ID?: string } } } | undefined;
    const assertionId = assertion?.Assertion?.$?.ID;
    const assertionValidUntil = validUntilOf(assertionXml);
    if (!assertionId || !assertionValidUntil) {
      // Without both, the replay cache could not hold the assertion for as long as it is valid.
      throw new SsoError('token-invalid', 'The assertion has no ID or no NotOnOrAfter');
    }
    return { ssoId: this.ssoId(config, profile), assertionId, assertionValidUntil };
  }

  private ssoId(config: SamlConfig, profile: Profile): string {
    const name = config.ssoIdAttribute || 'NameID';
    const value: unknown =
      name === 'NameID'
        ? profile.nameID
        : (profile.attributes as Record<string, unknown> | undefined)?.[name];
    if (typeof value !== 'string' || value.trim() === '') {
      // A missing, empty or many-valued attribute names nobody for certain.
      throw new SsoError('claim-missing', `The assertion has no single value of ${name}`);
    }
    return value;
  }

  private serviceProvider(
    idp: IdpMetadata,
    context: FlowContext,
    cacheProvider: CacheProvider,
  ): SAML {
    const urls = ssoUrls(context.publicUrl, context.organizationId);
    const options: NodeSamlConfig = {
      entryPoint: idp.ssoUrl,
      issuer: urls.samlEntityId,
      callbackUrl: urls.samlAcsUrl,
      audience: urls.samlEntityId,
      idpCert: idp.signingCerts,
      idpIssuer: idp.entityId,
      identifierFormat: NAME_ID_FORMAT,
      // Providers differ on what they ask for; the organization's provider decides how people sign in.
      disableRequestedAuthnContext: true,
      wantAssertionsSigned: true,
      // Entra ID and others sign the assertion only; the signed assertion is what is trusted.
      wantAuthnResponseSigned: false,
      validateInResponseTo: ValidateInResponseTo.always,
      cacheProvider,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
    };
    return new SAML(options);
  }
}
