import { SsoSettingsRecord } from './sso-settings.entity';
import { signInPathOf } from './sign-in-path';
import { viewOf } from './sso-settings.store';

const record = (fields: Partial<SsoSettingsRecord> = {}) =>
  Object.assign(new SsoSettingsRecord(), {
    organizationId: '6a1f0c1e-2f5b-4c1e-9b43-3f1a2b3c4d5e',
    mode: 'optional',
    protocol: 'oidc',
    oidcIssuer: 'https://login.example.com',
    oidcClientId: 'client',
    oidcClientSecret: 'aes.0123456789abcdef.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA',
    oidcScopes: [],
    oidcSsoIdClaim: null,
    samlMetadataXml: null,
    samlMetadataUrl: null,
    samlMetadataReadAt: null,
    samlSsoIdAttribute: null,
    breakGlassAccountIds: [],
    protocolVersion: 2,
    testedVersion: null,
    testSucceededAt: null,
    updatedAt: new Date('2026-12-07T08:00:00Z'),
    ...fields,
  });

describe('Single Sign-On settings as answered', () => {
  it('is mode off without a row', () => {
    expect(viewOf(null)).toMatchObject({ mode: 'off', protocol: null, oidc: null, saml: null });
  });

  it('never holds the client secret, only whether one is saved, with the defaults filled in', () => {
    const view = viewOf(record());
    expect(JSON.stringify(view)).not.toContain('aes.');
    expect(view.oidc).toEqual({
      issuer: 'https://login.example.com',
      clientId: 'client',
      clientSecretSet: true,
      scopes: ['openid', 'email', 'profile'],
      ssoIdClaim: 'sub',
    });
  });

  it('shows a Test sign-in only when it proved the settings as they are now', () => {
    const at = new Date('2026-12-07T07:00:00Z');
    expect(viewOf(record({ testedVersion: 2, testSucceededAt: at })).testSucceededAt).toBe(
      at.toISOString(),
    );
    expect(viewOf(record({ testedVersion: 1, testSucceededAt: at })).testSucceededAt).toBeNull();
  });

  it('answers metadata read from a URL by its URL, not its text', () => {
    const view = viewOf(
      record({
        protocol: 'saml',
        samlMetadataXml: '<EntityDescriptor/>',
        samlMetadataUrl: 'https://idp.example.com/metadata',
      }),
    );
    expect(view.saml).toMatchObject({ metadataXml: null, ssoIdAttribute: 'NameID' });
  });
});

describe('What a sign-in goes through', () => {
  it('changes with the provider, the client, the claim or the metadata, not with the mode', () => {
    const path = signInPathOf(record());
    expect(signInPathOf(record({ mode: 'required', breakGlassAccountIds: ['x'] }))).toBe(path);
    // The defaults saved back as the settings answered them are no change.
    expect(
      signInPathOf(record({ oidcScopes: ['openid', 'email', 'profile'], oidcSsoIdClaim: 'sub' })),
    ).toBe(path);
    for (const change of [
      { oidcIssuer: 'https://other.example.com' },
      { oidcClientId: 'other' },
      { oidcSsoIdClaim: 'email' },
      { oidcScopes: ['openid'] },
      { protocol: 'saml' as const },
      { samlMetadataXml: '<EntityDescriptor/>' },
      { samlSsoIdAttribute: 'uid' },
    ]) {
      expect(signInPathOf(record(change))).not.toBe(path);
    }
  });
});
