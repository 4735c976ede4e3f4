import type { GroupNode } from '../api/groups';
import type { Technician } from '../api/technicians';

/** A technician as the tree shows it. */
export type TechnicianLeaf = Pick<Technician, 'id' | 'name' | 'email' | 'enabled' | 'groupId'>;

/** The technicians of an open group loaded so far. */
export interface LoadedTechnicians {
  items: TechnicianLeaf[];
  /** The cursor of the next page, when there is one. */
  nextCursor: string | null;
  loading: boolean;
  failed: boolean;
}

interface RowBase {
  /** Unique among the rows: `g:<id>`, `t:<id>`, `more:<groupId>`, `status:<groupId>`. */
  key: string;
  /** 1 for the top of the visible tree (aria-level). */
  level: number;
  /** The key of the group row this row sits under (undefined at the top). */
  parentKey?: string;
  /** Position among its siblings (aria-posinset, aria-setsize): the DOM holds only some rows. */
  posInSet: number;
  setSize: number;
}

export type TreeRow =
  | (RowBase & {
      kind: 'group';
      group: GroupNode;
      expanded: boolean;
      /** Whether it has anything to show when opened (sub-groups or technicians). */
      expandable: boolean;
    })
  | (RowBase & { kind: 'technician'; technician: TechnicianLeaf; groupId: string })
  | (RowBase & { kind: 'more'; groupId: string })
  | (RowBase & {
      kind: 'status';
      groupId: string;
      state: 'loading' | 'failed';
      /** What is loading: the group's technicians, or its sub-groups (one level of the tree). */
      of: 'technicians' | 'groups';
    });

export const groupKey = (id: string) => `g:${id}`;
export const technicianKey = (id: string) => `t:${id}`;

/** Whether an open group's sub-groups (read a level at a time) are still loading, or failed. */
export type LevelState = 'loading' | 'failed' | undefined;

/**
 * The rows a person sees, top to bottom: each group, and under an open group its sub-groups
 * (or a loading / failed row while its level is read), then its technicians loaded so far,
 * then "Show more technicians" when there are more (or a loading / failed row). Closed
 * groups contribute one row whatever their size.
 */
export function visibleRows(
  groups: GroupNode[],
  expanded: ReadonlySet<string>,
  technicians: (groupId: string) => LoadedTechnicians | undefined,
  levels: (groupId: string) => LevelState = () => undefined,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (siblings: GroupNode[], level: number, parentKey?: string, extra = 0) => {
    siblings.forEach((group, i) => {
      const children = group.children ?? [];
      const isOpen = expanded.has(group.id);
      const key = groupKey(group.id);
      rows.push({
        kind: 'group',
        key,
        level,
        parentKey,
        posInSet: i + 1,
        setSize: siblings.length + extra,
        group,
        expanded: isOpen,
        expandable: (group.childCount ?? children.length) > 0 || group.technicianCount > 0,
      });
      if (!isOpen) return;
      const loaded = group.technicianCount > 0 ? technicians(group.id) : undefined;
      const leaves = loaded?.items ?? [];
      const head: TreeRow[] = [];
      const tail: TreeRow[] = [];
      const base = { level: level + 1, parentKey: key, groupId: group.id, posInSet: 0, setSize: 0 };
      const groupsState = levels(group.id);
      if (groupsState) {
        head.push({
          kind: 'status',
          key: `groups:${group.id}`,
          state: groupsState,
          of: 'groups',
          ...base,
        });
      }
      if (group.technicianCount > 0 && (!loaded || loaded.loading || loaded.failed)) {
        const state = loaded?.failed && !loaded.loading ? 'failed' : 'loading';
        tail.push({ kind: 'status', key: `status:${group.id}`, state, of: 'technicians', ...base });
      } else if (loaded?.nextCursor) {
        tail.push({ kind: 'more', key: `more:${group.id}`, ...base });
      }
      const setSize = head.length + children.length + leaves.length + tail.length;
      head.forEach((row, j) => rows.push({ ...row, posInSet: j + 1, setSize }));
      walk(children, level + 1, key, head.length + leaves.length + tail.length);
      leaves.forEach((technician, j) => {
        rows.push({
          kind: 'technician',
          key: technicianKey(technician.id),
          level: level + 1,
          parentKey: key,
          posInSet: head.length + children.length + j + 1,
          setSize,
          technician,
          groupId: group.id,
        });
      });
      tail.forEach((row) => rows.push({ ...row, posInSet: setSize, setSize }));
    });
  };
  walk(groups, 1);
  return rows;
}

/** The ids of the groups above `groupId` (top first), or undefined when it is not in the tree. */
export function ancestorsOf(groups: GroupNode[], groupId: string): string[] | undefined {
  for (const group of groups) {
    if (group.id === groupId) return [];
    const below = ancestorsOf(group.children ?? [], groupId);
    if (below) return [group.id, ...below];
  }
  return undefined;
}

/** The group with this id anywhere in the tree. */
export function findGroup(groups: GroupNode[], groupId: string): GroupNode | undefined {
  for (const group of groups) {
    if (group.id === groupId) return group;
    const found = findGroup(group.children ?? [], groupId);
    if (found) return found;
  }
  return undefined;
}

export type TreeKey = 'ArrowDown' | 'ArrowUp' | 'ArrowRight' | 'ArrowLeft' | 'Home' | 'End';

/**
 * What a key does on the row at `index` (the WAI-ARIA tree pattern): move focus to another
 * row, open or close a group, or nothing.
 */
export function keyAction(
  rows: TreeRow[],
  index: number,
  key: TreeKey,
): { focus: number } | { expand: string } | { collapse: string } | undefined {
  const row = rows[index];
  if (!row) return rows.length ? { focus: 0 } : undefined;
  switch (key) {
    case 'ArrowDown':
      return index + 1 < rows.length ? { focus: index + 1 } : undefined;
    case 'ArrowUp':
      return index > 0 ? { focus: index - 1 } : undefined;
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: rows.length - 1 };
    case 'ArrowRight':
      if (row.kind !== 'group' || !row.expandable) return undefined;
      if (!row.expanded) return { expand: row.group.id };
      return rows[index + 1]?.parentKey === row.key ? { focus: index + 1 } : undefined;
    case 'ArrowLeft': {
      if (row.kind === 'group' && row.expanded) return { collapse: row.group.id };
      if (!row.parentKey) return undefined;
      const parent = rows.findIndex((candidate) => candidate.key === row.parentKey);
      return parent >= 0 ? { focus: parent } : undefined;
    }
  }
}
