import { useQueries } from '@tanstack/react-query';
import { groupTechniciansQuery, MAX_PAGE_SIZE } from '../api/groups';
import type { LoadedTechnicians } from './tree-rows';

/**
 * The technicians of the open groups, for the tree: for each group, the pages asked for so
 * far (`cursors`: null for the first page, then each "Show more" adds the next cursor), of
 * the API's largest page. Only open groups are loaded, a page at a time.
 */
export function useTreeTechnicians(
  cursors: Record<string, (string | null)[]>,
): Map<string, LoadedTechnicians> {
  const pages = Object.entries(cursors).flatMap(([groupId, list]) =>
    list.map((cursor) => ({ groupId, cursor })),
  );
  return useQueries({
    queries: pages.map(({ groupId, cursor }) =>
      groupTechniciansQuery(groupId, MAX_PAGE_SIZE, cursor),
    ),
    combine: (results) => {
      const byGroup = new Map<string, LoadedTechnicians>();
      results.forEach((result, i) => {
        const { groupId } = pages[i];
        const loaded = byGroup.get(groupId) ?? {
          items: [],
          nextCursor: null,
          loading: false,
          failed: false,
        };
        if (result.data) {
          loaded.items.push(
            ...result.data.items.map((tech) => ({
              id: tech.id,
              name: tech.name,
              email: tech.email,
              enabled: tech.enabled,
              groupId: tech.groupId,
            })),
          );
          loaded.nextCursor = result.data.nextCursor;
        }
        if (result.isPending) loaded.loading = true;
        if (result.isError && !result.data) loaded.failed = true;
        byGroup.set(groupId, loaded);
      });
      return byGroup;
    },
  });
}
