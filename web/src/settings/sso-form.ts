import type { SsoMode, SsoProtocol, SsoSettings, SsoSettingsBody } from '../api/sso';

export const SSO_MODES: readonly SsoMode[] = ['off', 'optional', 'required'];
export const SSO_PROTOCOLS: readonly SsoProtocol[] = ['oidc', 'saml'];

/** The Single Sign-On form as its inputs hold it (scopes as one line, separated by spaces). */
export interface SsoFormValues {
  mode: SsoMode;
  protocol: SsoProtocol;
  issuer: string;
  clientId: string;
  /** Empty: the saved secret stays (it is never shown). */
  clientSecret: string;
  scopes: string;
  ssoIdClaim: string;
  metadataSource: 'xml' | 'url';
  metadataXml: string;
  metadataUrl: string;
  ssoIdAttribute: string;
  breakGlassAccountIds: string[];
}

export type SsoFormField = keyof SsoFormValues;

export const SSO_FORM_FIELDS = [
  'mode',
  'protocol',
  'issuer',
  'clientId',
  'clientSecret',
  'scopes',
  'ssoIdClaim',
  'metadataSource',
  'metadataXml',
  'metadataUrl',
  'ssoIdAttribute',
  'breakGlassAccountIds',
] as const satisfies readonly SsoFormField[];

/** The API's field names (problem+json `errors[].field`) on the form's. */
export const SSO_FIELD_OF: Partial<Record<string, SsoFormField>> = {
  oidc: 'issuer',
  'oidc.issuer': 'issuer',
  'oidc.clientId': 'clientId',
  'oidc.clientSecret': 'clientSecret',
  'oidc.scopes': 'scopes',
  'oidc.ssoIdClaim': 'ssoIdClaim',
  saml: 'metadataXml',
  'saml.metadataXml': 'metadataXml',
  'saml.metadataUrl': 'metadataUrl',
  'saml.ssoIdAttribute': 'ssoIdAttribute',
};

/** The form of saved settings: nothing chosen yet is OpenID Connect, metadata pasted. */
export function ssoToForm(settings: SsoSettings): SsoFormValues {
  const oidc: Partial<SsoSettings['oidc']> = settings.oidc ?? {};
  const saml: Partial<SsoSettings['saml']> = settings.saml ?? {};
  const fromUrl = Boolean(saml.metadataUrl);
  return {
    mode: settings.mode,
    protocol: settings.protocol ?? 'oidc',
    issuer: oidc.issuer ?? '',
    clientId: oidc.clientId ?? '',
    clientSecret: '',
    scopes: (oidc.scopes ?? []).join(' '),
    ssoIdClaim: oidc.ssoIdClaim ?? '',
    metadataSource: fromUrl ? 'url' : 'xml',
    // Metadata read from a URL is the URL's to keep: the form shows the URL only.
    metadataXml: fromUrl ? '' : (saml.metadataXml ?? ''),
    metadataUrl: saml.metadataUrl ?? '',
    ssoIdAttribute: saml.ssoIdAttribute ?? '',
    breakGlassAccountIds: settings.breakGlassAccountIds,
  };
}

const given = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * The server's defaults (libs/contracts OIDC_DEFAULTS, SAML_DEFAULTS), which GET answers in
 * place of nothing saved. Sent back as such they would count as changed settings that need a
 * new Test sign-in, so a value equal to its default is left out.
 */
const DEFAULTS = { scopes: 'openid email profile', ssoIdClaim: 'sub', ssoIdAttribute: 'NameID' };
const unlessDefault = (value: string, fallback: string) =>
  given(value) === fallback ? undefined : given(value);

/**
 * The PUT /settings/sso body: the chosen protocol's settings when any is given (left out,
 * the saved ones stay), the client secret only when typed, defaults left to the server.
 */
export function formToSso(values: SsoFormValues): SsoSettingsBody {
  const body: SsoSettingsBody = {
    mode: values.mode,
    breakGlassAccountIds: values.breakGlassAccountIds,
  };
  if (values.protocol === 'oidc' && (given(values.issuer) || given(values.clientId))) {
    const scopes = values.scopes.split(/\s+/).filter(Boolean);
    const claim = unlessDefault(values.ssoIdClaim, DEFAULTS.ssoIdClaim);
    body.oidc = {
      issuer: values.issuer.trim(),
      clientId: values.clientId.trim(),
      ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
      ...(scopes.length && scopes.join(' ') !== DEFAULTS.scopes ? { scopes } : {}),
      ...(claim ? { ssoIdClaim: claim } : {}),
    };
  }
  if (values.protocol === 'saml') {
    const source =
      values.metadataSource === 'url'
        ? given(values.metadataUrl) && { metadataUrl: given(values.metadataUrl) }
        : given(values.metadataXml) && { metadataXml: values.metadataXml.trim() };
    const attribute = unlessDefault(values.ssoIdAttribute, DEFAULTS.ssoIdAttribute);
    if (source) body.saml = { ...source, ...(attribute ? { ssoIdAttribute: attribute } : {}) };
  }
  if (values.mode !== 'off' || body.oidc || body.saml) body.protocol = values.protocol;
  return body;
}

/** What the browser can tell before sending; the server stays the judge. */
export function validateSsoForm(
  values: SsoFormValues,
  saved: SsoSettings,
): Partial<Record<SsoFormField, 'required'>> {
  const errors: Partial<Record<SsoFormField, 'required'>> = {};
  const oidcStarted = given(values.issuer) || given(values.clientId) || values.clientSecret;
  if (values.protocol === 'oidc' && (values.mode !== 'off' || oidcStarted)) {
    if (!given(values.issuer)) errors.issuer = 'required';
    if (!given(values.clientId)) errors.clientId = 'required';
    if (!values.clientSecret && !saved.oidc?.clientSecretSet) errors.clientSecret = 'required';
  }
  if (values.protocol === 'saml' && values.mode !== 'off') {
    if (values.metadataSource === 'url' && !given(values.metadataUrl))
      errors.metadataUrl = 'required';
    if (values.metadataSource === 'xml' && !given(values.metadataXml) && !saved.saml?.metadataXml) {
      errors.metadataXml = 'required';
    }
  }
  return errors;
}
