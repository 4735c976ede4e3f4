import type { GroupNode } from '../api/groups';

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
