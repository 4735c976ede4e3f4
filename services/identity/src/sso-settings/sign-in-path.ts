import { OIDC_DEFAULTS, SAML_DEFAULTS } from '@app/contracts';
import { SsoSettingsRecord } from './sso-settings.entity';

/** What a sign-in goes through: a change of any of it needs a new Test sign-in. */
export function signInPathOf(record: SsoSettingsRecord): string {
  return JSON.stringify([
    record.protocol,
    record.oidcIssuer,
    record.oidcClientId,
    // The defaults as the settings answer them: saving them back changes nothing.
    record.oidcScopes.length > 0 ? record.oidcScopes : OIDC_DEFAULTS.scopes,
    record.oidcSsoIdClaim ?? OIDC_DEFAULTS.ssoIdClaim,
    record.samlMetadataXml,
    record.samlSsoIdAttribute ?? SAML_DEFAULTS.ssoIdAttribute,
  ]);
}
