import type { RouteObject } from 'react-router';
import { ImportPage } from './ImportPage';
import { ImportsPage } from './ImportsPage';

/** Import technicians (Master Administrators only): start one, follow it, read its summary. */
export const importRoutes: RouteObject[] = [
  { path: '/imports', element: <ImportsPage /> },
  { path: '/imports/:importId', element: <ImportPage /> },
];
