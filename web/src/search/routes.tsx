import type { RouteObject } from 'react-router';
import { SearchPage } from './SearchPage';

/** Technicians found by the header's search box. */
export const searchRoutes: RouteObject[] = [{ path: '/search', element: <SearchPage /> }];
