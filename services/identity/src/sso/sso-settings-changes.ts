import { createHash } from 'node:crypto';
import type { FieldChange } from '@app/contracts';
import { fieldChanges } from '../audit/field-changes';
import type { SsoSettingsRecord } from '../sso-settings/sso-settings.entity';

/** The settings as the audit log compares them: the secret only as whether one is set. */
interface Comparable {
  mode: string;
  protocol: string | null;
  'oidc.issuer': string | null;
  'oidc.clientId': string | null;
  'oidc.scopes': string[];
  'oidc.ssoIdClaim': string | null;
  'saml.metadataUrl': string | null;
  /** A fingerprint of the metadata, not the document (it can be tens of kilobytes). */
  'saml.metadata': string | null;
  'saml.ssoIdAttribute': string | null;
  breakGlassAccountIds: string[];
}

const FIELDS = [
  'mode',
  'protocol',
  'oidc.issuer',
  'oidc.clientId',
  'oidc.scopes',
  'oidc.ssoIdClaim',
  'saml.metadataUrl',
  'saml.metadata',
  'saml.ssoIdAttribute',
  'breakGlassAccountIds',
] as const satisfies readonly (keyof Comparable)[];

export const SECRET_SET = '(set)';

/**
 * What saving the Single Sign-On settings changed. The client secret is a change of its own,
 * `clientSecret` `(set)`/null before and after, when a new one was given or it went away:
 * never its value, nor anything derived from it.
 */
export function ssoSettingsChanges(
  before: SsoSettingsRecord | null,
  after: SsoSettingsRecord,
  secretGiven: boolean,
): FieldChange[] {
  const changes = fieldChanges(comparable(before), comparable(after), FIELDS);
  const had = before?.oidcClientSecret ? SECRET_SET : null;
  const has = after.oidcClientSecret ? SECRET_SET : null;
  if (secretGiven || had !== has) changes.push({ field: 'clientSecret', before: had, after: has });
  return changes;
}

function comparable(record: SsoSettingsRecord | null): Comparable {
  return {
    mode: record?.mode ?? 'off',
    protocol: record?.protocol ?? null,
    'oidc.issuer': record?.oidcIssuer ?? null,
    'oidc.clientId': record?.oidcClientId ?? null,
    'oidc.scopes': record?.oidcScopes ?? [],
    'oidc.ssoIdClaim': record?.oidcSsoIdClaim ?? null,
    'saml.metadataUrl': record?.samlMetadataUrl ?? null,
    'saml.metadata': record?.samlMetadataXml
      ? `sha256:${createHash('sha256').update(record.samlMetadataXml).digest('hex')}`
      : null,
    'saml.ssoIdAttribute': record?.samlSsoIdAttribute ?? null,
    breakGlassAccountIds: record?.breakGlassAccountIds ?? [],
  };
}
