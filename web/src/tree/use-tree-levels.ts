import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { groupLevelQuery, type GroupNode, type GroupSummary } from '../api/groups';
import type { LevelState } from './tree-rows';

const EMPTY: GroupSummary[] = [];

function indexGroups(groups: GroupNode[], into = new Map<string, GroupNode>()) {
  for (const group of groups) {
    into.set(group.id, group);
    indexGroups(group.children ?? [], into);
  }
  return into;
}

/**
 * The open groups whose sub-groups are to be read: those on the visible tree (every group
 * above them open too) that have any. `cached` gives a level already read.
 */
function openLevels(
  top: GroupSummary[],
  expanded: ReadonlySet<string>,
  cached: (id: string) => GroupSummary[] | undefined,
): string[] {
  const wanted: string[] = [];
  const walk = (level: GroupSummary[]) => {
    for (const group of level) {
      if (!expanded.has(group.id) || group.childCount === 0) continue;
      wanted.push(group.id);
      walk(cached(group.id) ?? []);
    }
  };
  walk(top);
  return wanted;
}

/** The visible tree from the levels read so far (an open group not read yet has no children). */
function composeTree(
  level: GroupSummary[],
  children: (id: string) => GroupSummary[] | undefined,
): GroupNode[] {
  return level.map((group) => ({
    ...group,
    children: composeTree(children(group.id) ?? [], children),
  }));
}

/**
 * The Organization Tree as far as it is open: the top level, then the sub-groups of each
 * open group (`expanded`), each level read when it is shown; with each group by id and the
 * state of a level not read yet.
 */
export function useTreeLevels(expanded: ReadonlySet<string>) {
  const queryClient = useQueryClient();
  // The tree is read a level at a time: the top, then the sub-groups of each open group.
  const top = useQuery(groupLevelQuery(null));
  const wanted = openLevels(top.data ?? EMPTY, expanded, (id) =>
    queryClient.getQueryData<GroupSummary[]>(groupLevelQuery(id).queryKey),
  );
  const levelResults = useQueries({ queries: wanted.map((id) => groupLevelQuery(id)) });
  const levels = new Map(wanted.map((id, i) => [id, levelResults[i]]));
  // The levels read and when: the result objects themselves are new on every render.
  const levelsRead = wanted.map((id) => `${id}@${levels.get(id)?.dataUpdatedAt ?? 0}`).join();
  const groups = useMemo(
    () => composeTree(top.data ?? EMPTY, (id) => levels.get(id)?.data),
    [top.data, levelsRead],
  );
  const levelState = (id: string): LevelState => {
    const level = levels.get(id);
    if (!level || level.data) return undefined;
    return level.isError && !level.isFetching ? 'failed' : 'loading';
  };
  const byId = useMemo(() => indexGroups(groups), [groups]);
  return { top, groups, byId, levelState };
}
