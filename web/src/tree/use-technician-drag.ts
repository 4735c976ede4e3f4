import { useRef, useState, type DragEvent } from 'react';
import type { GroupNode } from '../api/groups';
import type { TechnicianLeaf, TreeRow } from './tree-rows';

const DRAG_TYPE = 'application/x-rac-technician';

/**
 * Dragging a technician onto another group of the tree: a technician row can be dragged, a
 * group row other than its own takes the drop (`dropKey` marks it while the technician is
 * over it), and `onMove` says where it went.
 */
export function useTechnicianDrag(onMove: (technician: TechnicianLeaf, to: GroupNode) => void) {
  const dragged = useRef<TechnicianLeaf>(undefined);
  const [dropKey, setDropKey] = useState<string>();

  const dropAllowed = (row: TreeRow) =>
    row.kind === 'group' &&
    dragged.current !== undefined &&
    dragged.current.groupId !== row.group.id;

  const dragHandlers = (row: TreeRow) => {
    if (row.kind === 'technician') {
      return {
        draggable: true,
        onDragStart: (event: DragEvent<HTMLDivElement>) => {
          dragged.current = row.technician;
          event.dataTransfer.effectAllowed = 'move';
          event.dataTransfer.setData(DRAG_TYPE, row.technician.id);
          event.dataTransfer.setData('text/plain', row.technician.name);
        },
        onDragEnd: () => {
          dragged.current = undefined;
          setDropKey(undefined);
        },
      };
    }
    if (row.kind !== 'group') return {};
    return {
      onDragOver: (event: DragEvent<HTMLDivElement>) => {
        if (!dropAllowed(row)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        if (dropKey !== row.key) setDropKey(row.key);
      },
      onDragLeave: () => setDropKey((key) => (key === row.key ? undefined : key)),
      onDrop: (event: DragEvent<HTMLDivElement>) => {
        event.preventDefault();
        const technician = dragged.current;
        dragged.current = undefined;
        setDropKey(undefined);
        if (technician && technician.groupId !== row.group.id) onMove(technician, row.group);
      },
    };
  };

  return { dropKey, dragHandlers };
}
