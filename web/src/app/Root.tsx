import { Suspense, useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { session } from '../api/session';
import { PageLoader } from '../ui/PageLoader';

/**
 * When the session ends (token expired, 401, sign-out), go to sign-in (api/query-client.ts
 * forgets every cached answer); after an expiry, remember the page so that signing in again returns to it.
 * A page whose strings are still loading (another language chosen) shows the loader.
 */
export function Root() {
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(
    () =>
      // Replayed: the app's first requests may have found the session over before it rendered.
      session.onEndReplayed((reason) => {
        const here = `${location.pathname}${location.search}`;
        const params = new URLSearchParams({ reason });
        if (reason === 'expired' && location.pathname !== '/sign-in') params.set('next', here);
        void navigate(`/sign-in?${params.toString()}`, { replace: true });
      }),
    [navigate, location],
  );

  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}
