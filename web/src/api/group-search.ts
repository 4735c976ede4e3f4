import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, data, type Schemas } from './client';
import { queryKeys } from './query-keys';

/** A group as the search answers it: its path from the top the caller may see. */
export type GroupMatch = Schemas['GroupMatchDto'];

/** The longest `q` the API takes (a group name's limit). */
const QUERY_MAX_LENGTH = 128;
/** The most ids one search takes (GROUP_SEARCH_IDS_MAX). */
const IDS_PER_REQUEST = 100;
/** How many matches a picker shows: type more to narrow them. */
const MATCHES_SHOWN = 50;

/** "Support › EMEA › Tier 2" (with "… › " in front when the top is left off). */
export function groupPathLabel(group: Pick<GroupMatch, 'path' | 'pathCut'>): string {
  return `${group.pathCut ? '… › ' : ''}${group.path.join(' › ')}`;
}

/** The first groups whose name contains `q` (every group for an empty one), by name. */
export function useGroupSearch(q: string) {
  const query = q.trim().slice(0, QUERY_MAX_LENGTH);
  return useQuery({
    queryKey: queryKeys.groupSearch(query),
    queryFn: async () =>
      (
        await data(
          api.GET('/api/v1/groups/search', {
            params: { query: { q: query, limit: MATCHES_SHOWN } },
          }),
        )
      ).items,
    // The previous matches stay while the next load, so the list does not flash empty.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * The path labels of these groups (GET /groups/search?ids=, a hundred at a time): what a
 * table or a picker shows for groups it knows only by id. A group out of sight has none.
 */
export function useGroupLabels(ids: readonly string[]) {
  const unique = [...new Set(ids)].sort();
  return useQuery({
    queryKey: queryKeys.groupLabels(unique),
    queryFn: async () => {
      const labels = new Map<string, string>();
      for (let start = 0; start < unique.length; start += IDS_PER_REQUEST) {
        const page = await data(
          api.GET('/api/v1/groups/search', {
            params: {
              query: { ids: unique.slice(start, start + IDS_PER_REQUEST), limit: IDS_PER_REQUEST },
            },
          }),
        );
        for (const group of page.items) labels.set(group.id, groupPathLabel(group));
      }
      return labels;
    },
    enabled: unique.length > 0,
    staleTime: 30_000,
  });
}
