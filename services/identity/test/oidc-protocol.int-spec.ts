import { randomBytes, randomUUID } from 'node:crypto';
import { ssoUrls } from '@app/contracts';
import { oidcProvider } from '../../../test/support/idp/oidc-op';
import {
  OidcRelyingParty,
  RpConfig,
  RpContext,
  signInAtProvider,
} from '../../../test/support/idp/oidc-rp';
import { IdTokenTamper, RogueOp } from '../../../test/support/idp/rogue-op';

/**
 * Identity's OpenID Connect relying party (the built OidcProtocol, in a process of its own as
 * openid-client is ES modules only) against a real OpenID Provider and a hostile one, without the
 * flow around it: what it accepts, and the exact reason it gives for what it refuses.
 */
const organizationId = randomUUID();
const publicUrl = 'http://127.0.0.1:9';
const redirectUri = ssoUrls(publicUrl, organizationId).oidcRedirectUri;
const client = { client_id: 'rescue', client_secret: randomBytes(24).toString('base64url') };
const context = (): RpContext => ({
  organizationId,
  publicUrl,
  state: randomBytes(32).toString('base64url'),
});

let rp: OidcRelyingParty;
beforeAll(() => {
  rp = OidcRelyingParty.start();
});
afterAll(() => rp.stop());

/** A whole sign-in: start, the provider, finish with what it sent back. */
async function signIn(config: RpConfig, username = 'unused', edit?: (callback: URL) => void) {
  const flow = context();
  const started = await rp.start(config, flow);
  if (!started.result) throw new Error(`start failed: ${JSON.stringify(started.error)}`);
  const callback = new URL(await signInAtProvider(started.result.redirectUrl, username));
  expect(callback.href.startsWith(redirectUri)).toBe(true);
  edit?.(callback);
  return rp.finish(config, flow, started.result.pending, callback.href);
}

describe('with a real OpenID Provider', () => {
  const op = oidcProvider(() => [{ ...client, redirect_uris: [redirectUri] }]);
  const config = (ssoIdClaim = 'sub'): RpConfig => ({
    issuer: op.issuer,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    scopes: ['openid', 'email', 'profile'],
    ssoIdClaim,
  });

  it('asks for the code with PKCE S256, the state and a nonce, at the redirect URI', async () => {
    const flow = context();
    const { result } = await rp.start(config(), flow);
    const url = new URL(result!.redirectUrl);
    expect(url.origin).toBe(op.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: client.client_id,
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: flow.state,
      nonce: result!.pending.nonce,
      code_challenge_method: 'S256',
    });
    expect(result!.pending.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(result)).not.toContain(client.client_secret);
  });

  it('signs in the subject, or the claim configured (email)', async () => {
    expect(await signIn(config(), 'alice')).toEqual({ result: { ssoId: 'alice' } });
    expect(await signIn(config('email'), 'bob')).toEqual({
      result: { ssoId: 'bob@idp.example' },
    });
  });

  it('refuses a missing claim, and a code used twice', async () => {
    expect((await signIn(config('upn'), 'carol')).error?.reason).toBe('claim-missing');
    const flow = context();
    const { result } = await rp.start(config(), flow);
    const callback = await signInAtProvider(result!.redirectUrl, 'dave');
    expect((await rp.finish(config(), flow, result!.pending, callback)).result).toEqual({
      ssoId: 'dave',
    });
    const again = await rp.finish(config(), flow, result!.pending, callback);
    expect(again.error?.reason).toBe('provider-error');
  });
});

describe('with a hostile OpenID Provider', () => {
  let rogue: RogueOp;
  beforeAll(async () => {
    rogue = await RogueOp.start();
  });
  afterAll(() => rogue.close());
  beforeEach(() => {
    rogue.tamper = 'none';
  });
  const config = (): RpConfig => ({
    issuer: rogue.issuer,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    scopes: ['openid'],
    ssoIdClaim: 'sub',
  });

  it.each<[IdTokenTamper, string]>([
    ['forged', 'signature-invalid'],
    ['alg-none', 'unsigned'],
    ['other-audience', 'audience-mismatch'],
    ['other-issuer', 'issuer-mismatch'],
    ['wrong-nonce', 'nonce-mismatch'],
    ['expired', 'expired'],
    ['iat-future', 'not-yet-valid'],
  ])('refuses an ID token %s (%s)', async (tamper, reason) => {
    rogue.tamper = tamper;
    const answer = await signIn(config());
    expect(answer.result).toBeUndefined();
    expect(answer.error?.reason).toBe(reason);
  });

  it('refuses a callback whose state is not the flow’s, and a provider’s error', async () => {
    const mismatch = await signIn(config(), 'x', (url) =>
      url.searchParams.set('state', randomBytes(32).toString('base64url')),
    );
    expect(mismatch.error?.reason).toBe('state-mismatch');
    const denied = await signIn(config(), 'x', (url) => {
      url.searchParams.delete('code');
      url.searchParams.set('error', 'access_denied');
    });
    expect(denied.error?.reason).toBe('provider-error');
  });

  it('signs in after the provider rotated its key, reading its keys again only then', async () => {
    rogue.subject = 'rotating';
    expect((await signIn(config())).result).toEqual({ ssoId: 'rotating' });
    const reads = rogue.jwksReads;
    expect((await signIn(config())).result).toEqual({ ssoId: 'rotating' });
    expect(rogue.jwksReads).toBe(reads);
    rogue.rotateKey();
    expect((await signIn(config())).result).toEqual({ ssoId: 'rotating' });
    expect(rogue.jwksReads).toBe(reads + 1);
  });

  it('says a provider that does not answer is unreachable', async () => {
    const gone = { ...config(), issuer: 'http://127.0.0.1:9' };
    expect((await rp.start(gone, context())).error?.reason).toBe('provider-unreachable');
  });
});
