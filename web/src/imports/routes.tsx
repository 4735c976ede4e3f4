import { lazyPage, type PageRoute } from '../ui/lazy-page';

/** Import technicians (Master Administrators only): start one, follow it, read its summary. */
export const importRoutes: PageRoute[] = [
  {
    path: '/imports',
    ...lazyPage(
      () => import('./ImportsPage'),
      (m) => m.ImportsPage,
      'imports',
    ),
  },
  {
    path: '/imports/:importId',
    ...lazyPage(
      () => import('./ImportPage'),
      (m) => m.ImportPage,
      'imports',
    ),
  },
];
