import { lazyPage, type PageRoute } from '../ui/lazy-page';

/** The Audit log (every administrator: the API shows each only what its groups allow). */
export const auditRoutes: PageRoute[] = [
  {
    path: '/audit',
    ...lazyPage(
      () => import('./AuditLogPage'),
      (m) => m.AuditLogPage,
      'audit',
    ),
  },
];
