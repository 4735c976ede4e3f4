import { describe, expect, it } from 'vitest';
import type { SsoSettings } from '../api/sso';
import { formToSso, ssoToForm, validateSsoForm } from './sso-form';

const base = 'https://rac.example/api/v1/sso/org';
const nothingSet: SsoSettings = {
  mode: 'off',
  protocol: null,
  oidc: { redirectUri: `${base}/oidc/callback` },
  saml: {
    entityId: `${base}/saml/metadata`,
    acsUrl: `${base}/saml/acs`,
    serviceProviderMetadataUrl: `${base}/saml/metadata`,
  },
  breakGlassAccountIds: [],
  testSucceededAt: null,
  updatedAt: null,
} as unknown as SsoSettings;

const oidcSaved = {
  ...nothingSet,
  mode: 'optional',
  protocol: 'oidc',
  oidc: {
    ...nothingSet.oidc,
    issuer: 'https://login.example.com',
    clientId: 'rac',
    clientSecretSet: true,
    scopes: ['openid', 'email'],
    ssoIdClaim: 'sub',
  },
} as SsoSettings;

describe('the Single Sign-On form', () => {
  it('starts from nothing as OpenID Connect, off, and sends only the mode back', () => {
    const values = ssoToForm(nothingSet);
    expect(values).toMatchObject({ mode: 'off', protocol: 'oidc', issuer: '', clientSecret: '' });
    expect(formToSso(values)).toEqual({ mode: 'off', breakGlassAccountIds: [] });
    expect(validateSsoForm(values, nothingSet)).toEqual({});
  });

  it('keeps the saved client secret by leaving it out, and sends a typed one', () => {
    const values = ssoToForm(oidcSaved);
    expect(values.scopes).toBe('openid email');
    expect(formToSso(values)).toEqual({
      mode: 'optional',
      protocol: 'oidc',
      // sub is the default: sent, it would count as a change that needs a new Test sign-in.
      oidc: { issuer: 'https://login.example.com', clientId: 'rac', scopes: ['openid', 'email'] },
      breakGlassAccountIds: [],
    });
    expect(
      formToSso({ ...values, scopes: 'openid email profile', ssoIdClaim: 'oid' }).oidc,
    ).toEqual({ issuer: 'https://login.example.com', clientId: 'rac', ssoIdClaim: 'oid' });
    expect(validateSsoForm(values, oidcSaved)).toEqual({});
    expect(formToSso({ ...values, clientSecret: 's3cret' }).oidc?.clientSecret).toBe('s3cret');
  });

  it('asks for what OpenID Connect needs before it is turned on', () => {
    const values = { ...ssoToForm(nothingSet), mode: 'optional' as const };
    expect(validateSsoForm(values, nothingSet)).toEqual({
      issuer: 'required',
      clientId: 'required',
      clientSecret: 'required',
    });
  });

  it('sends SAML metadata from the chosen source, with the attribute when given', () => {
    const values = {
      ...ssoToForm(nothingSet),
      mode: 'optional' as const,
      protocol: 'saml' as const,
      metadataSource: 'url' as const,
      metadataUrl: ' https://idp.example/metadata ',
      metadataXml: '<ignored/>',
    };
    expect(formToSso(values)).toEqual({
      mode: 'optional',
      protocol: 'saml',
      saml: { metadataUrl: 'https://idp.example/metadata' },
      breakGlassAccountIds: [],
    });
    expect(formToSso({ ...values, metadataSource: 'xml', ssoIdAttribute: 'email' }).saml).toEqual({
      metadataXml: '<ignored/>',
      ssoIdAttribute: 'email',
    });
    expect(validateSsoForm({ ...values, metadataUrl: '' }, nothingSet)).toEqual({
      metadataUrl: 'required',
    });
  });
});
