import type { RouteObject } from 'react-router';
import { Placeholder } from '../ui/Placeholder';

/** Technicians found by the header's search box. */
export const searchRoutes: RouteObject[] = [
  { path: '/search', element: <Placeholder titleKey="search.label" /> },
];
