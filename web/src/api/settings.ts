import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data, type Schemas } from './client';
import { queryKeys } from './query-keys';

/** The organization's password policy (GET and PUT /settings/password-policy). */
export type PasswordPolicy = Schemas['PasswordPolicyDto'];

/** The organization's password policy (readable before a forced password change). */
export function usePasswordPolicy() {
  return useQuery({
    queryKey: queryKeys.passwordPolicy,
    queryFn: () => data(api.GET('/api/v1/settings/password-policy')),
    staleTime: 60_000,
  });
}

/** PUT /settings/password-policy; the answer becomes the cached policy (PasswordRules follow it). */
export function useSavePasswordPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: PasswordPolicy) =>
      data(api.PUT('/api/v1/settings/password-policy', { body: policy })),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.passwordPolicy, saved),
  });
}
