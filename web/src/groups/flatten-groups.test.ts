import { describe, expect, it } from 'vitest';
import type { GroupNode } from '../api/groups';
import { flattenGroups } from './flatten-groups';

const node = (
  id: string,
  name: string,
  children: GroupNode[] = [],
  parentId: string | null = null,
) =>
  ({
    id,
    name,
    description: '',
    parentId,
    permissions: [],
    technicianCount: 0,
    children,
  }) as unknown as GroupNode;

describe('flattenGroups', () => {
  it('lists groups depth first with their paths', () => {
    const tree = [
      node('a', 'Support', [node('b', 'EMEA', [node('c', 'Tier 2', [], 'b')], 'a')]),
      node('d', 'Sales'),
    ];
    expect(flattenGroups(tree).map((g) => [g.id, g.path, g.depth])).toEqual([
      ['a', 'Support', 0],
      ['b', 'Support / EMEA', 1],
      ['c', 'Support / EMEA / Tier 2', 2],
      ['d', 'Sales', 0],
    ]);
  });
});
