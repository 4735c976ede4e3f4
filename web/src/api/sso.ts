import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, toProblem, type Schemas } from './client';
import { queryKeys } from './query-keys';

/** GET /settings/sso: the settings, the addresses the provider needs, the last Test sign-in. */
export type SsoSettings = Schemas['SsoSettingsViewDto'];
/** PUT /settings/sso (the client secret write-only: left out, the saved one stays). */
export type SsoSettingsBody = Schemas['SsoSettingsDto'];
export type SsoMode = SsoSettings['mode'];
export type SsoProtocol = NonNullable<SsoSettings['protocol']>;
export type SignInAnswer = Schemas['LoginResponseDto'];
export type SsoTestResult = Schemas['SsoTestResultDto'];

/** The organization's Single Sign-On settings (Master Administrators). */
export function useSsoSettings() {
  return useQuery({
    queryKey: queryKeys.ssoSettings,
    queryFn: () => data(api.GET('/api/v1/settings/sso')),
  });
}

/** PUT /settings/sso; the answer becomes the cached settings. */
export function useSaveSsoSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SsoSettingsBody) => data(api.PUT('/api/v1/settings/sso', { body })),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.ssoSettings, saved),
  });
}

/** POST /settings/sso/test: where the Test sign-in window goes (the cookie binds it here). */
export async function startSsoTest(): Promise<string> {
  return (await data(api.POST('/api/v1/settings/sso/test'))).redirectUrl;
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
