import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe, type Me } from '../api/auth';
import { prefetchSignedIn, queryClient } from '../api/query-client';
import { ErrorState } from '../ui/ErrorState';
import { NotFoundPage } from '../ui/NotFoundPage';
import { PageLoader } from '../ui/PageLoader';
import { TechnicianOnlyPage } from './TechnicianOnlyPage';

/**
 * Pages behind sign-in (under RequireSession), with the cache of their answers. An account
 * that must change its password sees only that page; a technician is told this center is
 * for administrators.
 */
export function SignedIn() {
  return (
    <QueryClientProvider client={queryClient}>
      <SignedInPages />
    </QueryClientProvider>
  );
}

function SignedInPages() {
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const me = useMe();
  // The first page is most often the tree: ask for its top level with /me, not after it.
  useEffect(prefetchSignedIn, []);

  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data.role === 'technician') return <TechnicianOnlyPage me={me.data} />;
  // /me asks it of this session only: one through the identity provider never has to.
  if (me.data.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to={`/change-password?next=${encodeURIComponent(here)}`} replace />;
  }
  return <Outlet />;
}

/** The signed-in administrator (only under SignedIn, where it is loaded). */
export function useCurrentAdmin(): Me {
  return useMe().data!;
}

/** Pages of one role only; others get the not-found page, as if the page did not exist. */
export function RequireRole({ role }: { role: Me['role'] }) {
  const me = useCurrentAdmin();
  return me.role === role ? <Outlet /> : <NotFoundPage />;
}

/** The pages of Master Administrators only (imports, Global Settings). */
export function MasterAdminOnly() {
  return <RequireRole role="master_admin" />;
}
