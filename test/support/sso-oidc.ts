import { randomBytes } from 'node:crypto';
import { ssoUrls } from '@app/contracts';
import { oidcProvider, OidcOp } from './idp/oidc-op';
import { RogueOp } from './idp/rogue-op';
import { formsOf, SsoBrowser } from './sso-browser';
import { stackSession, StackSession } from './stack-session';

/** What the parts of test/e2e/sso-oidc/ share: a stack, a real OpenID Provider, a hostile one. */
export interface OidcSsoSession extends StackSession {
  op: OidcOp;
  rogue: RogueOp;
  /** The client registered at both providers for the organization of the bootstrap master. */
  client: { clientId: string; clientSecret: string };
  redirectUri: string;
}

/**
 * Declares, in the `describe` it is called in, a stack (stackSession), the test OpenID Provider
 * with a client whose redirect URI is the organization's, and a hostile provider in-process.
 */
export function oidcSsoSession(label: string): OidcSsoSession {
  const session = stackSession(label) as OidcSsoSession;
  session.client = {
    clientId: 'rescue-admin',
    clientSecret: randomBytes(24).toString('base64url'),
  };
  // Read in its beforeAll, after the stack's: the redirect URI names the organization.
  session.op = oidcProvider(() => {
    session.redirectUri = ssoUrls(
      session.stack.env.vars.PUBLIC_URL,
      session.master.organizationId,
    ).oidcRedirectUri;
    return [
      {
        client_id: session.client.clientId,
        client_secret: session.client.clientSecret,
        redirect_uris: [session.redirectUri],
      },
    ];
  });
  beforeAll(async () => {
    session.rogue = await RogueOp.start();
  });
  afterAll(() => session.rogue?.close());
  return session;
}

/** PUT /settings/sso: `optional` OpenID Connect at `issuer` with the session's client. */
export async function useOidcProvider(
  session: OidcSsoSession,
  issuer: string,
  oidc: { ssoIdClaim?: string; scopes?: string[] } = {},
): Promise<void> {
  const response = await session.stack.api.request('PUT', '/api/v1/settings/sso', {
    token: session.token,
    body: {
      mode: 'optional',
      protocol: 'oidc',
      oidc: { issuer, ...session.client, ...oidc },
      breakGlassAccountIds: [],
    },
  });
  if (response.status !== 200) throw new Error(`PUT /settings/sso: ${response.text}`);
}

/** Where a sign-in through the provider left the browser, before it takes the outcome. */
export interface SsoLanding {
  browser: SsoBrowser;
  handoff?: string;
  error?: string;
  reason?: string;
}

/**
 * A person at the sign-in page: types `email`, goes to the provider, signs in there as
 * `username` when it shows its page (the hostile provider sends the browser straight back), and
 * lands on the gateway's /sign-in/sso with a handoff (or the error of a flow that matched none).
 */
export async function throughProvider(
  session: OidcSsoSession,
  email: string,
  username = 'nobody',
  browser = new SsoBrowser(session.stack.api.baseUrl),
): Promise<SsoLanding> {
  const redirectUrl = await startAt(browser, email);
  let page = await browser.navigate(redirectUrl);
  const login = formsOf(page.text).find((form) => 'username' in form.fields);
  if (login) page = await browser.submit(page, login, { username });
  return { browser, ...SsoBrowser.landing(page) };
}

/** POST /auth/sso/start: the browser gets its binding cookie, and the provider's address. */
export async function startAt(browser: SsoBrowser, email: string): Promise<string> {
  const started = await browser.postJson<{ redirectUrl: string }>('/api/v1/auth/sso/start', {
    email,
  });
  if (started.status !== 200) throw new Error(`start: ${JSON.stringify(started.body)}`);
  return started.body.redirectUrl;
}

/** The whole sign-in: through the provider, then the complete step's answer. */
export async function ssoSignIn(
  session: OidcSsoSession,
  email: string,
  username?: string,
): Promise<{ status: number; body: Record<string, any> }> {
  const landing = await throughProvider(session, email, username);
  if (!landing.handoff) throw new Error(`no handoff: ${landing.error} ${landing.reason}`);
  return landing.browser.complete(landing.handoff);
}
