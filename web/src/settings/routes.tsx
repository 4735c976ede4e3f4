import type { RouteObject } from 'react-router';
import { SettingsPage } from './SettingsPage';

/** Global Settings (Master Administrators only): password policies and administrators. */
export const settingsRoutes: RouteObject[] = [{ path: '/settings', element: <SettingsPage /> }];
