import type { RouteObject } from 'react-router';
import { CreateTechnicianPage } from './CreateTechnicianPage';
import { TechnicianPage } from './TechnicianPage';

/** Create technician, and a technician's Configuration page. */
export const technicianRoutes: RouteObject[] = [
  { path: '/groups/:groupId/technicians/new', element: <CreateTechnicianPage /> },
  { path: '/technicians/:technicianId', element: <TechnicianPage /> },
];
