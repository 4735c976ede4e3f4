import { useQuery } from '@tanstack/react-query';
import { api, data, type Schemas } from './client';
import { queryKeys } from './query-keys';

/** The signed-in account (GET /me). */
export type Me = Schemas['MeDto'];

/** GET /me, to ask for it before the page that reads it has loaded. */
export const meQuery = { queryKey: queryKeys.me, queryFn: () => data(api.GET('/api/v1/me')) };

/** The signed-in account: role, organization, and whether it must change its password. */
export function useMe() {
  return useQuery(meQuery);
}
