import { createGroup, createTechnician } from './fixtures';
import { SamlTestIdp, type ResponseOverrides } from './idp/saml-idp';
import { formsOf, SsoBrowser, type Page } from './sso-browser';
import { type StackSession, stackSession } from './stack-session';

/**
 * A stack whose bootstrap organization signs in through the test SAML identity provider
 * (`optional`, its metadata read from its URL), and the steps of a sign-in through it.
 */
export interface SamlSession extends StackSession {
  idp: SamlTestIdp;
  groupId: string;
  /** A technician of the organization with this Single Sign-On ID (and a fresh email). */
  technician(ssoId: string): Promise<{ id: string; email: string }>;
  /** Saves the SAML settings (NameID unless told otherwise). */
  configure(ssoIdAttribute?: string): Promise<void>;
}

export function samlSession(label: string): SamlSession {
  const idp = new SamlTestIdp();
  const session = stackSession(label, {
    // Hostile answers count as failed sign-ins from the test's one address.
    overrides: { SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000' },
    cleanUp: () => idp.stop(),
  }) as SamlSession;
  session.idp = idp;
  beforeAll(async () => {
    await idp.start();
    const { stack, token, master } = session;
    session.configure = async (ssoIdAttribute = 'NameID') => {
      const saved = await stack.api.request('PUT', '/api/v1/settings/sso', {
        token,
        body: {
          mode: 'optional',
          protocol: 'saml',
          saml: { metadataUrl: idp.metadataUrl, ssoIdAttribute },
          breakGlassAccountIds: [],
        },
      });
      if (saved.status !== 200) throw new Error(`PUT /settings/sso: ${saved.text}`);
    };
    await session.configure();
    const metadata = await stack.api.get(`/api/v1/sso/${master.organizationId}/saml/metadata`);
    idp.trust(metadata.text);
    session.groupId = (await createGroup(stack.api, token)).id as string;
    session.technician = async (ssoId) => {
      const made = await createTechnician(stack.api, token, session.groupId, { ssoId });
      return { id: made.id as string, email: made.email as string };
    };
  });
  return session;
}

/** A browser that began a sign-in for `email`: where the gateway sends it, the provider's page. */
export async function startSignIn(session: SamlSession, email: string) {
  const browser = new SsoBrowser(session.stack.api.baseUrl);
  const started = await browser.postJson<{ redirectUrl: string }>('/api/v1/auth/sso/start', {
    email,
  });
  if (started.status !== 200) throw new Error(`start answered ${started.status}`);
  return { browser, redirectUrl: started.body.redirectUrl };
}

/** Posts a response to the ACS from the browser, as the provider's auto-post page does, and completes. */
export async function postToAcs(
  browser: SsoBrowser,
  answer: { acsUrl: string; samlResponse: string; relayState: string },
) {
  const page: Page = { url: answer.acsUrl, status: 200, text: '' };
  const landed = await browser.submit(page, {
    action: answer.acsUrl,
    method: 'post',
    fields: { SAMLResponse: answer.samlResponse, RelayState: answer.relayState },
  });
  const landing = SsoBrowser.landing(landed);
  if (!landing.handoff) return { landing, completed: undefined };
  return { landing, completed: await browser.complete(landing.handoff) };
}

/** A whole sign-in: the provider's login page, the username typed, its auto-post, complete. */
export async function signInThroughProvider(session: SamlSession, email: string, username: string) {
  const { browser, redirectUrl } = await startSignIn(session, email);
  const login = await browser.navigate(redirectUrl);
  const [form] = formsOf(login.text);
  if (!/<label for="username">Username<\/label>/.test(login.text) || !form) {
    throw new Error(`not the provider's login page: ${login.text.slice(0, 200)}`);
  }
  const autoPost = await browser.submit(login, form, { username });
  const [post] = formsOf(autoPost.text);
  const landed = await browser.submit(autoPost, post);
  const landing = SsoBrowser.landing(landed);
  if (landing.handoff) return browser.complete(landing.handoff);
  // No flow matched: the landing's error stands for the answer (status 0: no API call made).
  return { status: 0, body: { ...landing } as Record<string, unknown> };
}

/** A flow begun for `email`, answered by a response the provider made with `overrides`. */
export async function hostileSignIn(
  session: SamlSession,
  email: string,
  nameId: string,
  overrides: ResponseOverrides | ((redirectUrl: string) => Promise<ResponseOverrides>),
) {
  const { browser, redirectUrl } = await startSignIn(session, email);
  const chosen = typeof overrides === 'function' ? await overrides(redirectUrl) : overrides;
  const answer = await session.idp.respond(redirectUrl, nameId, chosen);
  return { answer, ...(await postToAcs(browser, answer)) };
}
