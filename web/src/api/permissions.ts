import { useQuery } from '@tanstack/react-query';
import { api, data } from './client';
import { queryKeys } from './query-keys';

/** The permission names a group may grant (GET /permissions). */
export function usePermissions() {
  return useQuery({
    queryKey: queryKeys.permissions,
    queryFn: () => data(api.GET('/api/v1/permissions')),
    staleTime: Infinity,
  });
}
