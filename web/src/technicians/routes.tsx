import { lazyPage, type PageRoute } from '../ui/lazy-page';

/** Create technician, and a technician's Configuration page. */
export const technicianRoutes: PageRoute[] = [
  {
    path: '/groups/:groupId/technicians/new',
    ...lazyPage(
      () => import('./CreateTechnicianPage'),
      (m) => m.CreateTechnicianPage,
      'technicians',
    ),
  },
  {
    path: '/technicians/:technicianId',
    ...lazyPage(
      () => import('./TechnicianPage'),
      (m) => m.TechnicianPage,
      'technicians',
      'audit',
    ),
  },
];
