import { RequireSession } from '../auth/RequireSession';
import { SignInPage } from '../auth/SignInPage';
import { auditRoutes } from '../audit/routes';
import { importRoutes } from '../imports/routes';
import { searchRoutes } from '../search/routes';
import { settingsRoutes } from '../settings/routes';
import { technicianRoutes } from '../technicians/routes';
import { treeRoutes } from '../tree/routes';
import { NotFoundPage } from '../ui/NotFoundPage';
import { lazyPage, type PageRoute } from '../ui/lazy-page';
import { Root } from './Root';

/**
 * Every page's address. Each feature folder lists its own routes (tree/routes.tsx, ...);
 * Master-Administrator-only features sit under RequireRole. Every page loads when first
 * visited (lazyPage): the sign-in page does not carry the others.
 */
export const routes: PageRoute[] = [
  {
    element: <Root />,
    children: [
      {
        path: '/sign-in',
        element: <SignInPage />,
      },
      // Where the identity provider sends the browser back; public, like the sign-in page.
      {
        path: '/sign-in/sso',
        ...lazyPage(
          () => import('../auth/SsoSignInPage'),
          (m) => m.SsoSignInPage,
          'auth',
        ),
      },
      {
        element: <RequireSession />,
        requiresSession: true,
        children: [
          {
            ...lazyPage(
              () => import('../auth/guards'),
              (m) => m.SignedIn,
            ),
            children: [
              {
                path: '/change-password',
                ...lazyPage(
                  () => import('../auth/ChangePasswordPage'),
                  (m) => m.ChangePasswordPage,
                  'auth',
                ),
              },
              {
                ...lazyPage(
                  () => import('./AppLayout'),
                  (m) => m.AppLayout,
                ),
                children: [
                  ...treeRoutes,
                  ...technicianRoutes,
                  ...searchRoutes,
                  ...auditRoutes,
                  {
                    ...lazyPage(
                      () => import('../auth/guards'),
                      (m) => m.MasterAdminOnly,
                    ),
                    children: [...importRoutes, ...settingsRoutes],
                  },
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];
