import { Menu } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupNode } from '../api/groups';

/**
 * The menu of a group on the tree (right-click, Shift+F10 or the ContextMenu key), around
 * the element whose contextmenu events open it: Create technician in that group.
 */
export function GroupContextMenu({
  group,
  onCreateTechnician,
  children,
}: {
  /** The group the menu was opened on. */
  group?: GroupNode;
  onCreateTechnician: (group: GroupNode) => void;
  children: ReactElement;
}) {
  const { t } = useTranslation('tree');
  return (
    <Menu position="bottom-start" shadow="md" withinPortal>
      <Menu.ContextMenu>{children}</Menu.ContextMenu>
      <Menu.Dropdown aria-label={group ? t('menu.label', { name: group.name }) : undefined}>
        {group && <Menu.Label>{group.name}</Menu.Label>}
        <Menu.Item onClick={() => group && onCreateTechnician(group)}>
          {t('menu.createTechnician')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Opens the menu of a row from the keyboard: a contextmenu event just below its start. */
export function openContextMenuOf(element: HTMLElement) {
  const box = element.getBoundingClientRect();
  element.dispatchEvent(
    new window.MouseEvent('contextmenu', {
      bubbles: true,
      cancelable: true,
      clientX: box.left + 24,
      clientY: box.bottom,
    }),
  );
}
