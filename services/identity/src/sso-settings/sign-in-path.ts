import { SsoSettingsRecord } from './sso-settings.entity';

/** What a sign-in goes through: a change of any of it needs a new Test sign-in. */
export function signInPathOf(record: SsoSettingsRecord): string {
  return JSON.stringify([
    record.protocol,
    record.oidcIssuer,
    record.oidcClientId,
    record.oidcScopes,
    record.oidcSsoIdClaim,
    record.samlMetadataXml,
    record.samlSsoIdAttribute,
  ]);
}
