import type { RouteObject } from 'react-router';
import { ChangePasswordPage } from '../auth/ChangePasswordPage';
import { RequireRole, SignedIn } from '../auth/guards';
import { SignInPage } from '../auth/SignInPage';
import { SsoSignInPage } from '../auth/SsoSignInPage';
import { auditRoutes } from '../audit/routes';
import { importRoutes } from '../imports/routes';
import { searchRoutes } from '../search/routes';
import { settingsRoutes } from '../settings/routes';
import { technicianRoutes } from '../technicians/routes';
import { treeRoutes } from '../tree/routes';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from '../ui/NotFoundPage';
import { Root } from './Root';

/**
 * Every page's address. Each feature folder lists its own routes (tree/routes.tsx, ...);
 * Master-Administrator-only features sit under RequireRole.
 */
export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      { path: '/sign-in', element: <SignInPage /> },
      // Where the identity provider sends the browser back; public, like the sign-in page.
      { path: '/sign-in/sso', element: <SsoSignInPage /> },
      {
        element: <SignedIn />,
        children: [
          { path: '/change-password', element: <ChangePasswordPage /> },
          {
            element: <AppLayout />,
            children: [
              ...treeRoutes,
              ...technicianRoutes,
              ...searchRoutes,
              ...auditRoutes,
              {
                element: <RequireRole role="master_admin" />,
                children: [...importRoutes, ...settingsRoutes],
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];
