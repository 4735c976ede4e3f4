import { Box, Text } from '@mantine/core';
import type { DragEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeRow } from './tree-rows';
import classes from './GroupTree.module.css';

export const ROW_HEIGHT = 34;
const INDENT = 18;

export interface TreeItemProps {
  row: TreeRow;
  top: number;
  tabStop: boolean;
  selected: boolean;
  dropTarget: boolean;
  /** Cut with Ctrl+X, to be pasted on a group. */
  cut: boolean;
  onClick: (event: MouseEvent<HTMLDivElement>) => void;
  onDoubleClick: (event: MouseEvent<HTMLDivElement>) => void;
  draggable?: boolean;
  onDragStart?: (event: DragEvent<HTMLDivElement>) => void;
  onDragEnd?: () => void;
  onDragOver?: (event: DragEvent<HTMLDivElement>) => void;
  onDragLeave?: () => void;
  onDrop?: (event: DragEvent<HTMLDivElement>) => void;
}

/**
 * One row of the Organization Tree (a group, a technician, "Show more" or a loading or
 * failure line): a treeitem named by its text and its count or state, placed where the
 * virtualiser puts it.
 */
export function TreeItem({
  row,
  top,
  tabStop,
  selected,
  dropTarget,
  cut,
  onClick,
  onDoubleClick,
  ...drag
}: TreeItemProps) {
  const { t } = useTranslation('tree');
  const id = `tree-${row.key.replace(/[^\w-]/g, '-')}`;
  const isGroup = row.kind === 'group';
  const selectable = isGroup || row.kind === 'technician';
  let name: string;
  let description: string | undefined;
  switch (row.kind) {
    case 'group':
      name = row.group.name;
      description = t('row.technicianCount', { count: row.group.technicianCount });
      break;
    case 'technician':
      name = row.technician.name;
      description = row.technician.enabled ? undefined : t('row.disabled');
      break;
    case 'more':
      name = t('row.showMore');
      break;
    case 'status':
      name =
        row.of === 'groups'
          ? t(row.state === 'loading' ? 'row.loadingGroups' : 'row.failedGroups')
          : t(row.state === 'loading' ? 'row.loading' : 'row.failed');
      break;
  }
  return (
    <div
      role="treeitem"
      id={id}
      data-key={row.key}
      data-kind={row.kind}
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={isGroup && row.expandable ? row.expanded : undefined}
      aria-selected={selectable ? selected : undefined}
      // Named by all its visible text (WCAG 2.5.3, Label in Name): "EMEA 3 technicians".
      aria-labelledby={description ? `${id}-name ${id}-description` : `${id}-name`}
      tabIndex={tabStop ? 0 : -1}
      className={classes.row}
      data-selected={selected || undefined}
      data-drop-target={dropTarget || undefined}
      data-cut={cut || undefined}
      style={{
        transform: `translateY(${top}px)`,
        height: ROW_HEIGHT,
        paddingInlineStart: (row.level - 1) * INDENT + 4,
      }}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      {...drag}
    >
      <span className={classes.toggle} data-toggle={isGroup || undefined} aria-hidden>
        {isGroup && row.expandable
          ? row.expanded
            ? '▾'
            : '▸'
          : row.kind === 'technician'
            ? '•'
            : ''}
      </span>
      <Text
        component="span"
        id={`${id}-name`}
        size="sm"
        truncate
        fs={row.kind === 'more' || row.kind === 'status' ? 'italic' : undefined}
        c={row.kind === 'technician' && !row.technician.enabled ? 'dimmed' : undefined}
      >
        {name}
      </Text>
      {description && (
        <>
          {/* A space between name and count in the row's text, as in its name (flex hides it). */}{' '}
          <Box component="span" id={`${id}-description`} className={classes.description}>
            {description}
          </Box>
        </>
      )}
    </div>
  );
}
