import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, type Schemas } from './client';
import { queryKeys } from './query-keys';

/** GET /settings/sso: the settings, the addresses the provider needs, the last Test sign-in. */
export type SsoSettings = Schemas['SsoSettingsViewDto'];
/** PUT /settings/sso (the client secret write-only: left out, the saved one stays). */
export type SsoSettingsBody = Schemas['SsoSettingsDto'];
export type SsoMode = SsoSettings['mode'];
export type SsoProtocol = NonNullable<SsoSettings['protocol']>;

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
