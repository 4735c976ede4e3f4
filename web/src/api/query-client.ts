import { QueryClient } from '@tanstack/react-query';
import { meQuery } from './auth';
import { ApiProblem } from './client';
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
 * Asks for /me and the tree's top level (the page most often shown) at once, while the
 * page's modules load, not after (a technician's 403 is harmless).
 */
export function prefetchSignedIn(): void {
  void queryClient.prefetchQuery(meQuery);
  void queryClient.prefetchQuery(groupLevelQuery(null));
}
