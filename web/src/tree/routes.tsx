import type { RouteObject } from 'react-router';
import { GroupPanelRoute, NoGroupSelected } from './GroupPanel';
import { OrganizationTreePage } from './OrganizationTreePage';

/** The Organization Tree (the home page) and a selected group beside it. */
export const treeRoutes: RouteObject[] = [
  {
    element: <OrganizationTreePage />,
    children: [
      { index: true, element: <NoGroupSelected /> },
      { path: '/groups/:groupId', element: <GroupPanelRoute /> },
    ],
  },
];
