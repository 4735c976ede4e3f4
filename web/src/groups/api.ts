import { useQuery } from '@tanstack/react-query';
import { api, data, type Schemas } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** A group with its sub-groups; `childCount` when it comes from one level of the tree. */
export type GroupNode = Schemas['GroupTreeNodeDto'] & { childCount?: number };
export type GroupSummary = Schemas['GroupSummaryDto'];

/** The largest page the API gives (MAX_PAGE_SIZE). */
const LEVEL_PAGE_SIZE = 200;

/**
 * One level of the tree, every page of it: the top (`parentId` null: GET /groups/roots, an
 * Administrator's own groups) or a group's sub-groups (GET /groups/:id/children). A level is
 * read only when it is shown, so a large organization never loads its whole tree.
 */
export function groupLevelQuery(parentId: string | null) {
  return {
    queryKey: queryKeys.groupLevel(parentId),
    queryFn: async (): Promise<GroupSummary[]> => {
      const groups: GroupSummary[] = [];
      let cursor: string | undefined;
      do {
        const query = { limit: LEVEL_PAGE_SIZE, cursor };
        const page = await data(
          parentId === null
            ? api.GET('/api/v1/groups/roots', { params: { query } })
            : api.GET('/api/v1/groups/{id}/children', {
                params: { path: { id: parentId }, query },
              }),
        );
        groups.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return groups;
    },
  };
}

/** The Technician Groups the caller may see, as a tree (GET /groups), for the group pickers. */
export function useGroupTree() {
  return useQuery({
    queryKey: queryKeys.groups,
    queryFn: () => data(api.GET('/api/v1/groups')),
    select: (answer) => answer.groups as GroupNode[],
  });
}

export interface GroupOption {
  id: string;
  name: string;
  /** The names from the top of the visible tree down to this group: "Support / EMEA / Tier 2". */
  path: string;
  depth: number;
  parentId: string | null;
}

/** Every group of a tree in display order (depth first), with its path, for pickers and search. */
export function flattenGroups(groups: GroupNode[], parentPath = '', depth = 0): GroupOption[] {
  return groups.flatMap((group) => {
    const path = parentPath ? `${parentPath} / ${group.name}` : group.name;
    return [
      { id: group.id, name: group.name, path, depth, parentId: group.parentId ?? null },
      ...flattenGroups(group.children ?? [], path, depth + 1),
    ];
  });
}
