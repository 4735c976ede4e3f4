import { useQuery } from '@tanstack/react-query';
import { api, data, type Schemas } from './client';
import { queryKeys } from './query-keys';
import { session } from './session';

/** The signed-in account (GET /me). */
export type Me = Schemas['MeDto'];

/** The signed-in account: role, organization, and whether it must change its password. */
export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: () => data(api.GET('/api/v1/me')) });
}

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
