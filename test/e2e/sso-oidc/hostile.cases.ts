import { randomBytes } from 'node:crypto';
import { createGroup, createTechnician } from '../../support/fixtures';
import type { IdTokenTamper } from '../../support/idp/rogue-op';
import { sharedSession } from '../../support/shared-session';
import { SsoBrowser } from '../../support/sso-browser';
import { OidcSsoSession, ssoSignIn, startAt, useOidcProvider } from '../../support/sso-oidc';

/**
 * The OIDC part of the hostile corpus: a provider whose answers each break one rule. The
 * account it names exists and is enabled, so every refusal here is the check's, and a check
 * removed turns its case into a sign-in (the test then fails). Nothing is signed in: the
 * complete step answers 401 SSO_FAILED with the reason, and no token.
 */
describe('OIDC sign-in through a hostile provider', () => {
  const session = sharedSession<OidcSsoSession>();
  let email: string;

  beforeAll(async () => {
    session.rogue.subject = `rogue-${randomBytes(4).toString('hex')}`;
    const group = await createGroup(session.stack.api, session.token);
    email = (
      await createTechnician(session.stack.api, session.token, group.id, {
        ssoId: session.rogue.subject,
      })
    ).email;
    await useOidcProvider(session, session.rogue.issuer, { scopes: ['openid'] });
  });
  beforeEach(() => {
    session.rogue.tamper = 'none';
  });

  const expectRefused = (
    answer: { status: number; body: Record<string, any> },
    reason: string,
  ): void => {
    expect(answer.body.accessToken).toBeUndefined();
    expect({
      status: answer.status,
      code: answer.body.code,
      reason: reasonOf(answer.body),
    }).toEqual({ status: 401, code: 'SSO_FAILED', reason });
  };

  it('signs the account in when the ID token breaks no rule (what every case below changes)', async () => {
    const signedIn = await ssoSignIn(session, email);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
  });

  it.each<[string, IdTokenTamper, string]>([
    ['forged (signed by another key under the JWKS key id)', 'forged', 'signature-invalid'],
    ['with alg none (the provider even says it supports none)', 'alg-none', 'unsigned'],
    ['for another client (aud)', 'other-audience', 'audience-mismatch'],
    ['of another issuer (iss)', 'other-issuer', 'issuer-mismatch'],
    ['with another nonce than the flow’s', 'wrong-nonce', 'nonce-mismatch'],
    ['expired 90 s ago (beyond 60 s of tolerance)', 'expired', 'expired'],
    ['issued an hour in the future (iat)', 'iat-future', 'not-yet-valid'],
  ])('refuses an ID token %s', async (_what, tamper, reason) => {
    session.rogue.tamper = tamper;
    expectRefused(await ssoSignIn(session, email), reason);
  });

  it('refuses a callback with a state no flow has, before anything else', async () => {
    const browser = new SsoBrowser(session.stack.api.baseUrl);
    const code = randomBytes(16).toString('base64url');
    const state = randomBytes(32).toString('base64url');
    const page = await browser.navigate(`${session.redirectUri}?code=${code}&state=${state}`);
    expect(SsoBrowser.landing(page)).toEqual({
      handoff: undefined,
      error: 'SSO_FAILED',
      reason: 'state-mismatch',
    });
  });

  it('gives nothing to a browser that brings back another browser’s state', async () => {
    // The victim starts a sign-in; the attacker gets the provider's answer to it (code and
    // state) into their own browser, which has a flow of its own too.
    const victim = new SsoBrowser(session.stack.api.baseUrl);
    const answer = await victim.request(await startAt(victim, email));
    const callback = answer.headers.get('location')!;
    expect(callback.startsWith(session.redirectUri)).toBe(true);
    const attacker = new SsoBrowser(session.stack.api.baseUrl);
    await startAt(attacker, email);

    const landing = SsoBrowser.landing(await attacker.navigate(callback));
    expect(landing.handoff).toEqual(expect.any(String));
    expectRefused(await attacker.complete(landing.handoff!), 'state-mismatch');
    // And the victim's flow is spent: its answer was taken once.
    const again = SsoBrowser.landing(await victim.navigate(callback));
    expect(again).toMatchObject({ error: 'SSO_FAILED', reason: 'state-mismatch' });
  });

  it('signs in again after the provider rotated its signing key', async () => {
    expect((await ssoSignIn(session, email)).status).toBe(200);
    const reads = session.rogue.jwksReads;
    session.rogue.rotateKey();
    const afterRotation = await ssoSignIn(session, email);
    expect(afterRotation.status).toBe(200);
    expect(afterRotation.body.accessToken).toEqual(expect.any(String));
    // The new key id was unknown to identity's copy of the keys: it read them again, once.
    expect(session.rogue.jwksReads).toBe(reads + 1);
  });
});

/** The reason of an SSO_FAILED problem (a member of the problem, from the error's details). */
function reasonOf(body: Record<string, any>): unknown {
  return body.reason ?? body.details?.reason;
}
