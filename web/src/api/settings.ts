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

/** The organization's audit log settings (GET and PUT /settings/audit): how long entries are kept. */
export type AuditSettings = Schemas['AuditSettingsDto'];

export function useAuditSettings() {
  return useQuery({
    queryKey: queryKeys.auditSettings,
    queryFn: () => data(api.GET('/api/v1/settings/audit')),
  });
}

/** PUT /settings/audit; the answer becomes the cached settings, and the log has a new entry. */
export function useSaveAuditSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: AuditSettings) =>
      data(api.PUT('/api/v1/settings/audit', { body: settings })),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.auditSettings, saved);
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
    },
  });
}
