import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupNode } from '../api/groups';
import { technicianKey, type TechnicianLeaf, type TreeRow } from './tree-rows';

/**
 * Moving a technician on the tree with the keyboard, as the drag does with the mouse: Ctrl+X
 * (⌘X) on a technician cuts it, Ctrl+V (⌘V) on a group moves it there (`onMove`, the drag's
 * own), Escape forgets it. Each step is said in the page's status line (`onStatus`), which
 * screen readers announce.
 */
export function useKeyboardMove(
  onMove: (technician: TechnicianLeaf, to: GroupNode) => void,
  onStatus: (message: string) => void,
) {
  const { t } = useTranslation('tree');
  const [cut, setCut] = useState<TechnicianLeaf>();

  /** Handles a key pressed on `row`; true when it was one of the move's. */
  const onMoveKey = (event: KeyboardEvent, row: TreeRow | undefined): boolean => {
    const command = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    const key = event.key.toLowerCase();
    if (command && key === 'x' && row?.kind === 'technician') {
      setCut(row.technician);
      onStatus(t('move.cut', { name: row.technician.name }));
    } else if (command && key === 'v' && cut && row?.kind === 'group') {
      setCut(undefined);
      if (cut.groupId === row.group.id) {
        onStatus(t('move.sameGroup', { name: cut.name, group: row.group.name }));
      } else {
        onMove(cut, row.group);
      }
    } else if (key === 'escape' && cut) {
      setCut(undefined);
      onStatus(t('move.cancelled', { name: cut.name }));
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  };

  return { cutKey: cut && technicianKey(cut.id), onMoveKey };
}
