import type { RouteObject } from 'react-router';
import { SettingsPage } from './SettingsPage';

/** Global Settings (Master Administrators only): password policies, administrators, service principals. */
export const settingsRoutes: RouteObject[] = [{ path: '/settings', element: <SettingsPage /> }];
