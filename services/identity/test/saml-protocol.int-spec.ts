import { randomBytes, randomUUID } from 'node:crypto';
import { ssoUrls } from '@app/contracts';
import { SamlProtocol } from '../src/sso/protocols/saml-protocol';
import type { FlowContext, SamlConfig } from '../src/sso/protocols/sso-protocol';
import { type ResponseOverrides, SamlTestIdp } from '../../../test/support/idp/saml-idp';

/**
 * The SAML service provider against a real identity provider (samlify, its own key): the
 * sign-in through its login page, and every hostile answer refused with its precise reason.
 */
describe('SamlProtocol', () => {
  const protocol = new SamlProtocol();
  let idp: SamlTestIdp;
  let config: SamlConfig;

  const newContext = (): FlowContext => ({
    organizationId: randomUUID(),
    publicUrl: 'https://admin.example.test',
    state: randomBytes(32).toString('base64url'),
  });

  /** A flow begun for a fresh organization the provider trusts. */
  async function begin(settings: Partial<SamlConfig> = {}) {
    const context = newContext();
    idp.trust(protocol.metadata(context));
    const started = await protocol.start({ ...config, ...settings }, context);
    return { context, ...started };
  }

  async function finishWith(
    nameId: string,
    overrides: ResponseOverrides,
    settings: Partial<SamlConfig> = {},
  ) {
    const flow = await begin(settings);
    const answer = await idp.respond(flow.redirectUrl, nameId, overrides);
    return protocol.finish({ ...config, ...settings }, flow.context, flow.pending, {
      samlResponse: answer.samlResponse,
      relayState: answer.relayState,
    });
  }

  beforeAll(async () => {
    idp = await new SamlTestIdp().start();
    config = { idpMetadataXml: idp.metadataXml, ssoIdAttribute: 'NameID' };
  });
  afterAll(() => idp.stop());

  it("sends an AuthnRequest by HTTP-Redirect to the provider's SSO URL, as the SP of the organization, with the state as RelayState", async () => {
    const flow = await begin();
    const urls = ssoUrls(flow.context.publicUrl, flow.context.organizationId);
    expect(flow.redirectUrl.startsWith(`${idp.baseUrl}/sso?`)).toBe(true);
    const request = idp.readRequest(flow.redirectUrl);
    expect(request).toMatchObject({ id: flow.pending.requestId, issuer: urls.samlEntityId });
    expect(request.relayState).toBe(flow.context.state);
  });

  it('signs in whoever typed their username on the login page, the NameID becoming the Single Sign-On ID', async () => {
    const flow = await begin();
    const page = await (await fetch(flow.redirectUrl)).text();
    expect(page).toMatch(/<label for="username">Username<\/label>/);
    const form = new URLSearchParams({
      SAMLRequest: hiddenField(page, 'SAMLRequest'),
      RelayState: hiddenField(page, 'RelayState'),
      username: 'ada@example.test',
    });
    const posted = await (
      await fetch(`${idp.baseUrl}/sso/login`, { method: 'POST', body: form })
    ).text();
    expect(posted).toContain(
      `action="${ssoUrls(flow.context.publicUrl, flow.context.organizationId).samlAcsUrl}"`,
    );
    const identity = await protocol.finish(config, flow.context, flow.pending, {
      samlResponse: hiddenField(posted, 'SAMLResponse'),
      relayState: hiddenField(posted, 'RelayState'),
    });
    expect(identity.ssoId).toBe('ada@example.test');
    expect(identity.assertionId).toMatch(/^_/);
    expect(identity.assertionValidUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it('reads the Single Sign-On ID from an attribute when told to, and refuses an assertion without it', async () => {
    const attributes = { employeeNumber: 'E-1042' };
    const settings = { ssoIdAttribute: 'employeeNumber' };
    await expect(finishWith('ada@example.test', { attributes }, settings)).resolves.toMatchObject({
      ssoId: 'E-1042',
    });
    await expect(
      finishWith('ada@example.test', { attributes: {} }, settings),
    ).rejects.toMatchObject({
      reason: 'claim-missing',
    });
  });

  const hostile: [string, ResponseOverrides, string][] = [
    [
      'a wrapped signature (the signed assertion moved, an evil one read)',
      { wrappedFor: 'victim@example.test' },
      'signature-invalid',
    ],
    ['an unsigned assertion inside a signed response', { unsignedAssertion: true }, 'unsigned'],
    [
      'a response signed by a key the metadata does not hold',
      { otherKey: true },
      'signature-invalid',
    ],
    [
      'a comment inside the NameID',
      { commentInNameIdAt: 'user@evil.test'.length },
      'token-invalid',
    ],
    ['an expired assertion', { notOnOrAfter: new Date(Date.now() - 2 * 60_000) }, 'expired'],
    [
      'an assertion not yet valid',
      { notBefore: new Date(Date.now() + 5 * 60_000) },
      'not-yet-valid',
    ],
    [
      'an assertion for another audience',
      { audience: 'https://other.example.test/saml/metadata' },
      'audience-mismatch',
    ],
    [
      'a response for another destination',
      { destination: 'https://other.example.test/acs' },
      'destination-mismatch',
    ],
    [
      'a response to another request',
      { inResponseTo: `_${randomUUID()}` },
      'in-response-to-mismatch',
    ],
    [
      'a response no request asked for (IdP-initiated)',
      { inResponseTo: '' },
      'in-response-to-mismatch',
    ],
  ];
  it.each(hostile)('refuses %s', async (_, overrides, reason) => {
    await expect(finishWith('user@evil.test.example.com', overrides)).rejects.toMatchObject({
      reason,
    });
  });

  it('accepts a skew of at most a minute', async () => {
    await expect(
      finishWith('ada@example.test', { notBefore: new Date(Date.now() + 30_000) }),
    ).resolves.toMatchObject({ ssoId: 'ada@example.test' });
  });

  it("refuses a RelayState that is not the flow's state", async () => {
    const flow = await begin();
    const answer = await idp.respond(flow.redirectUrl, 'ada@example.test');
    await expect(
      protocol.finish(config, flow.context, flow.pending, {
        samlResponse: answer.samlResponse,
        relayState: newContext().state,
      }),
    ).rejects.toMatchObject({ reason: 'state-mismatch' });
  });

  it('refuses metadata it cannot use', async () => {
    await expect(begin({ idpMetadataXml: '<EntityDescriptor' })).rejects.toMatchObject({
      reason: 'metadata-invalid',
    });
  });

  it('publishes SP metadata asking for signed assertions at the ACS URL', () => {
    const context = newContext();
    const urls = ssoUrls(context.publicUrl, context.organizationId);
    const xml = protocol.metadata(context);
    expect(xml).toContain(`entityID="${urls.samlEntityId}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
    expect(xml).toContain(`Location="${urls.samlAcsUrl}"`);
  });
});

function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no ${name} in the page`);
  return match[1].replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
