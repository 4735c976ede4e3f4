import { certificateBody, newSigningKey } from '../../../../../test/support/idp/saml-keys';
import { parseIdpMetadata } from './saml-metadata';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

describe('parseIdpMetadata', () => {
  let cert: string;
  let otherCert: string;

  beforeAll(async () => {
    const [one, two] = await Promise.all([newSigningKey('one.test'), newSigningKey('two.test')]);
    cert = certificateBody(one.certificate);
    otherCert = certificateBody(two.certificate);
  });

  const keyDescriptor = (body: string, use?: string) =>
    `<md:KeyDescriptor${use ? ` use="${use}"` : ''}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
      ${body.replace(/(.{64})/g, '$1\n      ')}
    </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;

  const metadata = (inside: string, entityId = 'https://idp.example.test/entity') =>
    `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${inside}</md:IDPSSODescriptor>
</md:EntityDescriptor>`;

  const sso = (binding: string, location: string) =>
    `<md:SingleSignOnService Binding="${binding}" Location="${location}"/>`;

  it('reads the entity ID, the HTTP-Redirect SSO location and every signing certificate', () => {
    const xml = metadata(
      keyDescriptor(cert, 'signing') +
        keyDescriptor(otherCert) +
        keyDescriptor(cert, 'encryption') +
        sso(POST, 'https://idp.example.test/post') +
        sso(REDIRECT, 'https://idp.example.test/redirect'),
    );
    expect(parseIdpMetadata(xml)).toEqual({
      entityId: 'https://idp.example.test/entity',
      ssoUrl: 'https://idp.example.test/redirect',
      signingCerts: [cert, otherCert],
    });
  });

  it('finds the one identity provider of an EntitiesDescriptor (a federation file)', () => {
    const one = metadata(
      keyDescriptor(cert, 'signing') + sso(REDIRECT, 'https://idp.example.test/sso'),
    );
    const xml = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${one.replace(/<\?xml[^>]*\?>/, '')}</md:EntitiesDescriptor>`;
    expect(parseIdpMetadata(xml).ssoUrl).toBe('https://idp.example.test/sso');
  });

  const bad: [string, () => string, RegExp][] = [
    ['not XML', () => 'this is not metadata', /not XML|well-formed/],
    ['XML cut short', () => metadata('').slice(0, 80), /well-formed|no EntityDescriptor/],
    [
      'a DOCTYPE (entity expansion)',
      () => `<!DOCTYPE x [<!ENTITY a "b">]>${metadata('')}`,
      /DOCTYPE/,
    ],
    [
      'an SP, not an IdP',
      () => metadata('').replace(/IDPSSODescriptor/g, 'SPSSODescriptor'),
      /no EntityDescriptor/,
    ],
    [
      'no entityID',
      () => metadata(keyDescriptor(cert) + sso(REDIRECT, 'https://i.test/s'), ''),
      /no entityID/,
    ],
    [
      'no HTTP-Redirect SSO',
      () => metadata(keyDescriptor(cert) + sso(POST, 'https://i.test/s')),
      /HTTP-Redirect/,
    ],
    [
      'an SSO location that is no URL',
      () => metadata(keyDescriptor(cert) + sso(REDIRECT, 'nowhere')),
      /not a URL/,
    ],
    [
      'a javascript: SSO location',
      () => metadata(keyDescriptor(cert) + sso(REDIRECT, 'javascript:alert(1)')),
      /http/,
    ],
    [
      'only an encryption key',
      () => metadata(keyDescriptor(cert, 'encryption') + sso(REDIRECT, 'https://i.test/s')),
      /signing certificate/,
    ],
    [
      'a certificate that is not one',
      () => metadata(keyDescriptor('bm90IGEgY2VydA==') + sso(REDIRECT, 'https://i.test/s')),
      /X\.509/,
    ],
  ];
  it.each(bad)('refuses %s as metadata-invalid', (_, xml, message) => {
    let thrown: unknown;
    try {
      parseIdpMetadata(xml());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      reason: 'metadata-invalid',
      message: expect.stringMatching(message),
    });
  });
});
