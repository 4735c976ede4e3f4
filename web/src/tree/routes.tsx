import { lazyPage, type PageRoute } from '../ui/lazy-page';

/** The Organization Tree (the home page) and a selected group beside it. */
export const treeRoutes: PageRoute[] = [
  {
    ...lazyPage(
      () => import('./OrganizationTreePage'),
      (m) => m.OrganizationTreePage,
      'tree',
    ),
    children: [
      {
        index: true,
        ...lazyPage(
          () => import('./NoGroupSelected'),
          (m) => m.NoGroupSelected,
        ),
      },
      {
        path: '/groups/:groupId',
        ...lazyPage(
          () => import('./GroupPanel'),
          (m) => m.GroupPanelRoute,
          'audit',
        ),
      },
    ],
  },
];
