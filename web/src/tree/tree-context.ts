import { useOutletContext } from 'react-router';
import type { GroupNode } from '../api/groups';

/** What the group panel (the page's outlet) gets from the tree. */
export interface TreeContext {
  groups: GroupNode[];
  byId: Map<string, GroupNode>;
  /** Opens a group on the tree (after creating a sub-group in it, for example). */
  expand: (groupId: string) => void;
}

export function useTreeContext(): TreeContext {
  return useOutletContext<TreeContext>();
}
