import type { RouteObject } from 'react-router';
import { Placeholder } from '../ui/Placeholder';

/** Import technicians (Master Administrators only): start one, follow it, read its summary. */
export const importRoutes: RouteObject[] = [
  { path: '/imports', element: <Placeholder titleKey="nav.imports" /> },
  { path: '/imports/:importId', element: <Placeholder titleKey="nav.imports" /> },
];
