import { useInfiniteQuery } from '@tanstack/react-query';
import { api, data, type Schemas } from '../api/client';
import { queryKeys } from '../api/query-keys';

export type Technician = Schemas['TechnicianDto'];

export const SEARCH_PAGE_SIZE = 50;

/**
 * Technicians whose name or email contains `q` (any case), within the caller's scope
 * (GET /technicians?q=), a page at a time: the next page loads when asked for.
 */
export function useTechnicianSearch(q: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.technicianSearch(q),
    enabled: q.length > 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/api/v1/technicians', {
          params: { query: { q, limit: SEARCH_PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
