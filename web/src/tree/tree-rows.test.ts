import { describe, expect, it } from 'vitest';
import type { GroupNode } from '../api/groups';
import {
  ancestorsOf,
  findGroup,
  keyAction,
  visibleRows,
  type LoadedTechnicians,
  type TreeRow,
} from './tree-rows';

const node = (id: string, children: GroupNode[] = [], technicianCount = 0) =>
  ({
    id,
    name: id.toUpperCase(),
    description: '',
    parentId: null,
    permissions: [],
    technicianCount,
    children,
  }) as unknown as GroupNode;

const tech = (id: string, groupId: string) => ({
  id,
  name: id,
  email: `${id}@example.com`,
  enabled: true,
  groupId,
});

const loaded = (items: ReturnType<typeof tech>[], more = false): LoadedTechnicians => ({
  items,
  nextCursor: more ? 'next' : null,
  loading: false,
  failed: false,
});

// a ─┬─ b ── c      d (2 technicians)
//    └─ (3 technicians)
const tree = [node('a', [node('b', [node('c')])], 3), node('d', [], 2)];

const summary = (rows: TreeRow[]) =>
  rows.map((row) => `${row.key}@${row.level}:${row.posInSet}/${row.setSize}`);

describe('visibleRows', () => {
  it('shows only the top level while everything is closed', () => {
    const rows = visibleRows(tree, new Set(), () => undefined);
    expect(summary(rows)).toEqual(['g:a@1:1/2', 'g:d@1:2/2']);
    expect(rows[0]).toMatchObject({ expanded: false, expandable: true });
  });

  it('lists an open group’s sub-groups, then its technicians, with their positions', () => {
    const rows = visibleRows(tree, new Set(['a', 'b']), (id) =>
      id === 'a' ? loaded([tech('t1', 'a'), tech('t2', 'a')], true) : undefined,
    );
    expect(summary(rows)).toEqual([
      'g:a@1:1/2',
      'g:b@2:1/4',
      'g:c@3:1/1',
      't:t1@2:2/4',
      't:t2@2:3/4',
      'more:a@2:4/4',
      'g:d@1:2/2',
    ]);
    expect(rows.find((row) => row.key === 'g:c')).toMatchObject({ expandable: false });
    expect(rows.find((row) => row.key === 't:t1')?.parentKey).toBe('g:a');
  });

  it('says when technicians are loading or failed, and asks nothing of empty groups', () => {
    const asked: string[] = [];
    const rows = visibleRows(tree, new Set(['a', 'b', 'd']), (id) => {
      asked.push(id);
      return id === 'd' ? { ...loaded([]), failed: true } : undefined;
    });
    expect(asked.sort()).toEqual(['a', 'd']); // b has no technicians of its own
    expect(
      rows
        .filter((row) => row.kind === 'status')
        .map((row) => [row.key, 'state' in row && row.state]),
    ).toEqual([
      ['status:a', 'loading'],
      ['status:d', 'failed'],
    ]);
  });

  it('reads the tree a level at a time: a group with sub-groups not read yet opens to a loading row, then a retry row', () => {
    const unread = { ...node('x', [], 2), childCount: 3 } as GroupNode;
    const closed = visibleRows([unread], new Set(), () => undefined);
    expect(closed[0]).toMatchObject({ expandable: true, expanded: false });

    const technicians = () => loaded([tech('t1', 'x')]);
    const loading = visibleRows([unread], new Set(['x']), technicians, () => 'loading');
    expect(loading.map((row) => row.key)).toEqual(['g:x', 'groups:x', 't:t1']);
    expect(loading[1]).toMatchObject({ kind: 'status', of: 'groups', state: 'loading', level: 2 });
    expect(loading.slice(1).map((row) => [row.posInSet, row.setSize])).toEqual([
      [1, 2],
      [2, 2],
    ]);

    const failed = visibleRows([unread], new Set(['x']), technicians, () => 'failed');
    expect(failed[1]).toMatchObject({ kind: 'status', of: 'groups', state: 'failed' });
    // Read: its sub-groups, and no status row.
    const read = { ...unread, children: [node('y')] } as GroupNode;
    expect(
      visibleRows([read], new Set(['x']), technicians, () => undefined).map((row) => row.key),
    ).toEqual(['g:x', 'g:y', 't:t1']);
  });

  it('stays fast and flat for a thousand groups and a thousand technicians', () => {
    const big = Array.from({ length: 100 }, (_, i) =>
      node(
        `r${i}`,
        Array.from({ length: 9 }, (_, j) => node(`r${i}c${j}`)),
        i === 0 ? 1000 : 0,
      ),
    );
    const technicians = loaded(Array.from({ length: 1000 }, (_, i) => tech(`x${i}`, 'r0')));
    const all = new Set(big.flatMap((group) => [group.id]));
    const started = performance.now();
    const rows = visibleRows(big, all, () => technicians);
    expect(performance.now() - started).toBeLessThan(200);
    expect(rows).toHaveLength(100 + 900 + 1000);
  });
});

describe('keyAction (WAI-ARIA tree keys)', () => {
  const rows = visibleRows(tree, new Set(['a']), () => loaded([tech('t1', 'a')]));
  // g:a, g:b, t:t1, g:d
  it('moves up and down, home and end', () => {
    expect(keyAction(rows, 0, 'ArrowDown')).toEqual({ focus: 1 });
    expect(keyAction(rows, 3, 'ArrowDown')).toBeUndefined();
    expect(keyAction(rows, 0, 'ArrowUp')).toBeUndefined();
    expect(keyAction(rows, 2, 'Home')).toEqual({ focus: 0 });
    expect(keyAction(rows, 0, 'End')).toEqual({ focus: 3 });
  });

  it('right opens a closed group, then goes to its first child', () => {
    expect(keyAction(rows, 1, 'ArrowRight')).toEqual({ expand: 'b' });
    expect(keyAction(rows, 0, 'ArrowRight')).toEqual({ focus: 1 });
    expect(keyAction(rows, 2, 'ArrowRight')).toBeUndefined(); // a technician
  });

  it('left closes an open group, else goes to the parent', () => {
    expect(keyAction(rows, 0, 'ArrowLeft')).toEqual({ collapse: 'a' });
    expect(keyAction(rows, 2, 'ArrowLeft')).toEqual({ focus: 0 });
    expect(keyAction(rows, 1, 'ArrowLeft')).toEqual({ focus: 0 });
    expect(keyAction(rows, 3, 'ArrowLeft')).toBeUndefined();
  });
});

describe('ancestorsOf and findGroup', () => {
  it('finds a group at any depth and the groups above it', () => {
    expect(ancestorsOf(tree, 'c')).toEqual(['a', 'b']);
    expect(ancestorsOf(tree, 'a')).toEqual([]);
    expect(ancestorsOf(tree, 'nope')).toBeUndefined();
    expect(findGroup(tree, 'c')?.name).toBe('C');
  });
});
