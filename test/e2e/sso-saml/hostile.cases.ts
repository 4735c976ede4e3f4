import type { ResponseOverrides } from '../../support/idp/saml-idp';
import { type SamlSession, hostileSignIn, startSignIn } from '../../support/saml-session';
import { sharedSession } from '../../support/shared-session';

/**
 * The hostile corpus: each answer is a genuine response of the provider changed in one way
 * an attacker can; each is refused with its reason, and nobody is signed in.
 */
describe('SAML: hostile answers', () => {
  const session = sharedSession<SamlSession>();
  let victim: { id: string; email: string };

  beforeAll(async () => {
    // The account an attacker wants: the NameID a comment would cut to, the wrapped assertion's.
    victim = await session.technician('user@evil.test');
  });

  const cases: [string, string, ResponseOverrides | (() => Promise<ResponseOverrides>), string][] =
    [
      [
        'a wrapped signature (the signed assertion moved, an unsigned one naming the victim read)',
        'mallory@evil.test',
        { wrappedFor: 'user@evil.test' },
        'signature-invalid',
      ],
      [
        'an unsigned assertion inside a signed response',
        'user@evil.test',
        { unsignedAssertion: true },
        'unsigned',
      ],
      [
        'a comment inside the NameID (user@evil.test<!---->.example.com)',
        'user@evil.test.example.com',
        { commentInNameIdAt: 'user@evil.test'.length },
        'token-invalid',
      ],
      [
        'an expired assertion',
        'user@evil.test',
        { notOnOrAfter: new Date(Date.now() - 2 * 60_000) },
        'expired',
      ],
      [
        'an assertion not yet valid',
        'user@evil.test',
        { notBefore: new Date(Date.now() + 10 * 60_000) },
        'not-yet-valid',
      ],
      [
        'an assertion for another audience',
        'user@evil.test',
        { audience: 'https://other-sp.example/saml/metadata' },
        'audience-mismatch',
      ],
      [
        'a response for another destination',
        'user@evil.test',
        { destination: 'https://other-sp.example/saml/acs' },
        'destination-mismatch',
      ],
      [
        "a response to another flow's request",
        'user@evil.test',
        async () => {
          const other = await startSignIn(session, victim.email);
          return { inResponseTo: session.idp.readRequest(other.redirectUrl).id };
        },
        'in-response-to-mismatch',
      ],
      [
        'a response signed by a key the metadata does not hold',
        'user@evil.test',
        { otherKey: true },
        'signature-invalid',
      ],
    ];

  it.each(cases)('refuses %s', async (_, nameId, overrides, reason) => {
    const chosen = typeof overrides === 'function' ? await overrides() : overrides;
    const { landing, completed } = await hostileSignIn(session, victim.email, nameId, chosen);
    expect(landing.handoff).toBeDefined();
    expect(completed?.status).toBe(401);
    expect(completed?.body).toMatchObject({ code: 'SSO_FAILED', reason });
    expect(completed?.body).not.toHaveProperty('accessToken');
  });
});
