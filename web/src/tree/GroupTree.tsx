import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { GroupNode } from '../api/groups';
import { GroupContextMenu, openContextMenuOf } from './GroupContextMenu';
import { keyAction, type TechnicianLeaf, type TreeKey, type TreeRow } from './tree-rows';
import { ROW_HEIGHT, TreeItem } from './TreeItem';
import { useKeyboardMove } from './use-keyboard-move';
import { useTechnicianDrag } from './use-technician-drag';
import classes from './GroupTree.module.css';

const TREE_KEYS = new Set<string>([
  'ArrowDown',
  'ArrowUp',
  'ArrowRight',
  'ArrowLeft',
  'Home',
  'End',
]);

export interface GroupTreeProps {
  rows: TreeRow[];
  /** The key of the selected row (`g:<id>`). */
  selectedKey?: string;
  label: string;
  onToggle: (groupId: string, open: boolean) => void;
  /** Enter or a click: a group or technician is selected; "Show more" loads the next page. */
  onActivate: (row: TreeRow) => void;
  onCreateTechnician: (group: GroupNode) => void;
  onMove: (technician: TechnicianLeaf, to: GroupNode) => void;
  /** A line for the page's status region (what the keyboard move did). */
  onStatus: (message: string) => void;
}

/**
 * The Organization Tree: a WAI-ARIA tree (one tab stop, arrow keys, Enter selects) over the
 * visible rows, virtualised (only the rows in view are in the DOM, so aria-level, -setsize
 * and -posinset say where each sits). Right-click or Shift+F10 on a group opens its menu;
 * technicians are dragged onto another group to move them, or cut (Ctrl+X) and pasted on
 * one (Ctrl+V).
 */
export function GroupTree({
  rows,
  selectedKey,
  label,
  onToggle,
  onActivate,
  onCreateTechnician,
  onMove,
  onStatus,
}: GroupTreeProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const [focusedKey, setFocusedKey] = useState<string>();
  const moveFocus = useRef(false);
  const [menuGroup, setMenuGroup] = useState<GroupNode>();
  const { dropKey, dragHandlers } = useTechnicianDrag(onMove);
  const { cutKey, onMoveKey } = useKeyboardMove(onMove, onStatus);

  const indexOf = (key: string | undefined) =>
    key === undefined ? -1 : rows.findIndex((row) => row.key === key);
  const lastFocusIndex = useRef(0);
  let focusIndex = indexOf(focusedKey);
  // The focused row went away ("Show more" became the next technicians, a group closed):
  // the tab stop keeps its place.
  const vanished = focusIndex < 0 && focusedKey !== undefined && rows.length > 0;
  if (vanished) focusIndex = Math.min(lastFocusIndex.current, rows.length - 1);
  if (focusIndex < 0) focusIndex = indexOf(selectedKey);
  if (focusIndex < 0 && rows.length) focusIndex = 0;
  const tabStop = rows[focusIndex]?.key;
  useEffect(() => {
    lastFocusIndex.current = Math.max(focusIndex, 0);
    // Focus was on the row that went away (it is on the page's body now): bring it back.
    if (vanished && tabStop && document.activeElement === document.body) {
      moveFocus.current = true;
      setFocusedKey(tabStop);
    }
  });

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index].key,
    // The row with the tab stop stays in the DOM even when scrolled away.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      if (focusIndex >= 0 && !indexes.includes(focusIndex)) {
        indexes.push(focusIndex);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
  });

  // The selected row is scrolled into view when the tree first shows it.
  const scrolledTo = useRef<string>(undefined);
  useEffect(() => {
    if (!selectedKey || scrolledTo.current === selectedKey) return;
    const index = indexOf(selectedKey);
    if (index < 0) return;
    scrolledTo.current = selectedKey;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  });

  // Focus follows the keyboard: scroll the row into view, then focus it once rendered.
  useEffect(() => {
    if (!moveFocus.current || !tabStop) return;
    moveFocus.current = false;
    virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
    requestAnimationFrame(() =>
      treeRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(tabStop)}"]`)?.focus(),
    );
  });

  const focusRow = (index: number) => {
    const row = rows[index];
    if (!row) return;
    moveFocus.current = true;
    setFocusedKey(row.key);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[focusIndex];
    if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      const element = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
      if (element && row?.kind === 'group') {
        event.preventDefault();
        openContextMenuOf(element);
      }
      return;
    }
    if (onMoveKey(event, row)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (TREE_KEYS.has(event.key)) {
      event.preventDefault();
      const action = keyAction(rows, focusIndex, event.key as TreeKey);
      if (!action) return;
      if ('focus' in action) focusRow(action.focus);
      else if ('expand' in action) onToggle(action.expand, true);
      else onToggle(action.collapse, false);
      return;
    }
    if ((event.key === 'Enter' || event.key === ' ') && row) {
      event.preventDefault();
      onActivate(row);
    }
  };

  const rowFromEvent = (event: { target: EventTarget }) => {
    const key = (event.target as HTMLElement)
      .closest<HTMLElement>('[role="treeitem"]')
      ?.getAttribute('data-key');
    return rows.find((row) => row.key === key);
  };

  const onContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    const row = rowFromEvent(event);
    if (row?.kind !== 'group') {
      // Not on a group: the menu stays closed.
      event.preventDefault();
      return;
    }
    setFocusedKey(row.key);
    setMenuGroup(row.group);
  };

  return (
    <GroupContextMenu group={menuGroup} onCreateTechnician={onCreateTechnician}>
      <div ref={scrollRef} className={classes.scroller} onContextMenu={onContextMenu}>
        <div
          ref={treeRef}
          role="tree"
          aria-label={label}
          className={classes.tree}
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return (
              <TreeItem
                key={row.key}
                row={row}
                top={item.start}
                tabStop={row.key === tabStop}
                selected={row.key === selectedKey}
                dropTarget={row.key === dropKey}
                cut={row.key === cutKey}
                onClick={(event) => {
                  setFocusedKey(row.key);
                  const toggle = (event.target as HTMLElement).closest('[data-toggle]');
                  if (toggle && row.kind === 'group') onToggle(row.group.id, !row.expanded);
                  else onActivate(row);
                }}
                onDoubleClick={(event) => {
                  const toggle = (event.target as HTMLElement).closest('[data-toggle]');
                  if (!toggle && row.kind === 'group' && row.expandable) {
                    onToggle(row.group.id, !row.expanded);
                  }
                }}
                {...dragHandlers(row)}
              />
            );
          })}
        </div>
      </div>
    </GroupContextMenu>
  );
}
