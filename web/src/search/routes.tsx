import { lazyPage, type PageRoute } from '../ui/lazy-page';

/** Technicians found by the header's search box. */
export const searchRoutes: PageRoute[] = [
  {
    path: '/search',
    ...lazyPage(
      () => import('./SearchPage'),
      (m) => m.SearchPage,
      'search',
    ),
  },
];
