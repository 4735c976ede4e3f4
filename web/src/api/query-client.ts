import { QueryClient } from '@tanstack/react-query';
import { meQuery } from './auth';
import { ApiProblem } from './client';
import { takeEarly } from './early-requests';
import { groupLevelQuery } from './groups';
import { session } from './session';

/**
 * The cache of every answer of the signed-in pages (the sign-in page does not load TanStack
 * Query). A session that ends or starts forgets every answer: the next account sees only its own.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal is an answer: retry only what may pass later (unavailable, rate limited).
      retry: (failures, error) =>
        failures < 2 &&
        (!(error instanceof ApiProblem) || error.status >= 500 || error.status === 429),
    },
  },
});
session.onEnd(() => queryClient.clear());
session.onStart(() => queryClient.clear());

/**
 * /me and the tree's top level (the page most often shown) in the cache: the answers asked
 * for as the app started when there are (api/early-requests.ts), else asked now, at once.
 */
export function prefetchSignedIn(): void {
  const me = takeEarly('me');
  const roots = takeEarly('roots');
  void queryClient.prefetchQuery({ ...meQuery, ...(me && { queryFn: () => me }) });
  const level = groupLevelQuery(null);
  void queryClient.prefetchQuery({ ...level, ...(roots && { queryFn: () => roots }) });
}
