import type { RouteObject } from 'react-router';
import { Placeholder } from '../ui/Placeholder';

/** Create technician, and a technician's Configuration page. */
export const technicianRoutes: RouteObject[] = [
  { path: '/groups/:groupId/technicians/new', element: <Placeholder titleKey="nav.tree" /> },
  { path: '/technicians/:technicianId', element: <Placeholder titleKey="nav.tree" /> },
];
