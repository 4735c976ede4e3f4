import { useQuery } from '@tanstack/react-query';
import { api, data, type Schemas } from '../api/client';
import { queryKeys } from '../api/query-keys';

export type GroupNode = Schemas['GroupTreeNodeDto'];

/** GET /groups, the query every page that shows groups shares. */
export const groupTreeQuery = {
  queryKey: queryKeys.groups,
  queryFn: () => data(api.GET('/api/v1/groups')),
};

/** The Technician Groups the caller may see, as a tree (GET /groups). */
export function useGroupTree() {
  return useQuery({
    ...groupTreeQuery,
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
