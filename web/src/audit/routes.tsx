import type { RouteObject } from 'react-router';
import { AuditLogPage } from './AuditLogPage';

/** The Audit log (every administrator: the API shows each only what its groups allow). */
export const auditRoutes: RouteObject[] = [{ path: '/audit', element: <AuditLogPage /> }];
