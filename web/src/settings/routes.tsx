import { lazyPage, type PageRoute } from '../ui/lazy-page';

/** Global Settings (Master Administrators only): password policies, administrators, service principals. */
export const settingsRoutes: PageRoute[] = [
  {
    path: '/settings',
    ...lazyPage(
      () => import('./SettingsPage'),
      (m) => m.SettingsPage,
      'settings',
    ),
  },
];
