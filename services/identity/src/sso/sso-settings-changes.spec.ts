import { SsoSettingsRecord } from '../sso-settings/sso-settings.entity';
import { SECRET_SET, ssoSettingsChanges } from './sso-settings-changes';

const ENCRYPTED = 'v1.key.encrypted-client-secret';

function record(fields: Partial<SsoSettingsRecord>): SsoSettingsRecord {
  return Object.assign(new SsoSettingsRecord(), {
    organizationId: '11111111-1111-4111-8111-111111111111',
    mode: 'optional',
    protocol: 'oidc',
    oidcIssuer: 'https://login.example.com',
    oidcClientId: 'rescue-admin',
    oidcClientSecret: ENCRYPTED,
    oidcScopes: [],
    oidcSsoIdClaim: null,
    samlMetadataXml: null,
    samlMetadataUrl: null,
    samlSsoIdAttribute: null,
    breakGlassAccountIds: [],
    ...fields,
  });
}

describe("the Single Sign-On settings' changes for the audit log", () => {
  it('names every field set the first time, the secret as (set) only', () => {
    const changes = ssoSettingsChanges(null, record({}), true);
    expect(changes).toEqual([
      { field: 'mode', before: 'off', after: 'optional' },
      { field: 'protocol', before: null, after: 'oidc' },
      { field: 'oidc.issuer', before: null, after: 'https://login.example.com' },
      { field: 'oidc.clientId', before: null, after: 'rescue-admin' },
      { field: 'clientSecret', before: null, after: SECRET_SET },
    ]);
    expect(JSON.stringify(changes)).not.toContain(ENCRYPTED);
  });

  it('names a new secret over a saved one as (set) before and after, and no secret kept as no change', () => {
    const saved = record({});
    expect(ssoSettingsChanges(saved, record({ oidcClientSecret: 'v1.key.another' }), true)).toEqual(
      [{ field: 'clientSecret', before: SECRET_SET, after: SECRET_SET }],
    );
    expect(ssoSettingsChanges(saved, record({ oidcSsoIdClaim: 'email' }), false)).toEqual([
      { field: 'oidc.ssoIdClaim', before: null, after: 'email' },
    ]);
  });

  it('compares lists by content and names SAML metadata by a fingerprint, not the document', () => {
    const xml = '<EntityDescriptor entityID="https://idp.example.com"/>';
    const before = record({ breakGlassAccountIds: ['a'], protocol: 'saml' });
    const after = record({ breakGlassAccountIds: ['a'], protocol: 'saml', samlMetadataXml: xml });
    const changes = ssoSettingsChanges(before, after, false);
    expect(changes).toEqual([
      {
        field: 'saml.metadata',
        before: null,
        after: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      },
    ]);
    expect(JSON.stringify(changes)).not.toContain('EntityDescriptor');
  });
});
