import { api, data, toProblem, type Schemas } from './client';
import { session } from './session';

/**
 * Signing in and out, with a password or through the organization's provider: plain
 * requests, without TanStack Query, so that the sign-in page does not load it.
 */
export type SignInAnswer = Schemas['LoginResponseDto'];
export type SsoTestResult = Schemas['SsoTestResultDto'];

/** POST /auth/login: the access token and how long it lasts. */
export async function signIn(email: string, password: string) {
  return data(api.POST('/api/v1/auth/login', { body: { email, password } }));
}

/** POST /auth/change-password. */
export async function changePassword(currentPassword: string, newPassword: string) {
  await data(api.POST('/api/v1/auth/change-password', { body: { currentPassword, newPassword } }));
}

/**
 * Signs out: the server ends the session (its token is refused everywhere from then on),
 * then the token is forgotten, also when the server cannot be told (offline, gateway down,
 * or a token it refuses already).
 */
export async function signOut(): Promise<void> {
  try {
    await api.POST('/api/v1/auth/logout');
  } catch {
    // Not told: the token is forgotten all the same, and ends when it expires.
  } finally {
    session.end('signed-out');
  }
}

/** POST /auth/sso/discover: whether this email signs in with a password or through its provider. */
export function discoverSignIn(email: string) {
  return data(api.POST('/api/v1/auth/sso/discover', { body: { email } }));
}

/** POST /auth/sso/start: the provider's address to send the browser to (the cookie is set). */
export async function startSsoSignIn(email: string): Promise<string> {
  return (await data(api.POST('/api/v1/auth/sso/start', { body: { email } }))).redirectUrl;
}

const completions = new Map<string, Promise<SignInAnswer | SsoTestResult>>();

/**
 * POST /auth/sso/complete with the browser's cookie. Sent without the session's token: a
 * refusal here (401 SSO_FAILED) is about the provider's answer, not a session that ended.
 * A handoff works once, so a second call for it (React's StrictMode mounts twice) shares
 * the first one's answer.
 */
export function completeSso(handoff: string): Promise<SignInAnswer | SsoTestResult> {
  let completion = completions.get(handoff);
  if (!completion) {
    completion = (async () => {
      const response = await fetch('/api/v1/auth/sso/complete', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ handoff }),
        credentials: 'same-origin',
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw toProblem(response, body);
      return body as SignInAnswer | SsoTestResult;
    })();
    completions.set(handoff, completion);
  }
  return completion;
}

export function isTestResult(answer: SignInAnswer | SsoTestResult): answer is SsoTestResult {
  return 'test' in answer && answer.test === true;
}
