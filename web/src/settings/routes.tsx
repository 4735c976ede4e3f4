import type { RouteObject } from 'react-router';
import { Placeholder } from '../ui/Placeholder';

/** Global Settings (Master Administrators only): password policies and administrators. */
export const settingsRoutes: RouteObject[] = [
  { path: '/settings', element: <Placeholder titleKey="nav.settings" /> },
];
