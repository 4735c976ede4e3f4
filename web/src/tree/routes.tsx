import type { RouteObject } from 'react-router';
import { Placeholder } from '../ui/Placeholder';

/** The Organization Tree (the home page) and a selected group. */
export const treeRoutes: RouteObject[] = [
  { index: true, element: <Placeholder titleKey="nav.tree" /> },
  { path: '/groups/:groupId', element: <Placeholder titleKey="nav.tree" /> },
];
