import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { session } from '../api/session';

/** The signed-in account: role, organization, and whether it must change its password. */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: () => data(api.GET('/api/v1/me')) });
}

/** The organization's password policy (readable before a forced password change). */
export function usePasswordPolicy() {
  return useQuery({
    queryKey: queryKeys.passwordPolicy,
    queryFn: () => data(api.GET('/api/v1/settings/password-policy')),
    staleTime: 60_000,
  });
}

export async function signIn(email: string, password: string) {
  return data(api.POST('/api/v1/auth/login', { body: { email, password } }));
}

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
