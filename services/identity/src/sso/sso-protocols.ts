import { Inject, Injectable, Optional } from '@nestjs/common';
import { ErrorCodes, OIDC_DEFAULTS, SAML_DEFAULTS, SsoProtocol } from '@app/contracts';
import { rpcError } from '@app/platform';
import { SsoSettingsRecord } from '../sso-settings/sso-settings.entity';
import { SsoSettingsStore } from '../sso-settings/sso-settings.store';
import { OidcConfig, SamlConfig, SsoProtocolHandler } from './protocols/sso-protocol';

export const OIDC_HANDLER = Symbol('OIDC_HANDLER');
export const SAML_HANDLER = Symbol('SAML_HANDLER');

/** A protocol's handler with the organization's configuration for it. */
export interface ConfiguredProtocol {
  protocol: SsoProtocol;
  handler: SsoProtocolHandler<unknown>;
  config: OidcConfig | SamlConfig;
}

/** The handler and configuration of an organization's protocol, from its stored settings. */
@Injectable()
export class SsoProtocols {
  constructor(
    private readonly store: SsoSettingsStore,
    @Optional() @Inject(OIDC_HANDLER) private readonly oidc?: SsoProtocolHandler<OidcConfig>,
    @Optional() @Inject(SAML_HANDLER) private readonly saml?: SsoProtocolHandler<SamlConfig>,
  ) {}

  /** SSO_NOT_CONFIGURED when the organization has none ready to use. */
  async of(record: SsoSettingsRecord | null): Promise<ConfiguredProtocol> {
    if (record?.protocol === 'oidc' && this.oidc && record.oidcIssuer && record.oidcClientSecret) {
      return {
        protocol: 'oidc',
        handler: this.oidc,
        config: {
          issuer: record.oidcIssuer,
          clientId: record.oidcClientId ?? '',
          clientSecret: await this.store.clientSecret(record),
          scopes: record.oidcScopes.length > 0 ? record.oidcScopes : OIDC_DEFAULTS.scopes,
          ssoIdClaim: record.oidcSsoIdClaim ?? OIDC_DEFAULTS.ssoIdClaim,
        },
      };
    }
    if (record?.protocol === 'saml' && this.saml && record.samlMetadataXml) {
      return {
        protocol: 'saml',
        handler: this.saml,
        config: {
          idpMetadataXml: record.samlMetadataXml,
          ssoIdAttribute: record.samlSsoIdAttribute ?? SAML_DEFAULTS.ssoIdAttribute,
        },
      };
    }
    throw rpcError(
      ErrorCodes.SSO_NOT_CONFIGURED,
      'this organization has no identity provider configured',
    );
  }
}
