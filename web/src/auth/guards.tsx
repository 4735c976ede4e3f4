import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe, type Me } from '../api/auth';
import { groupLevelQuery } from '../api/groups';
import { ErrorState } from '../ui/ErrorState';
import { NotFoundPage } from '../ui/NotFoundPage';
import { session } from '../api/session';
import { TechnicianOnlyPage } from './TechnicianOnlyPage';

/**
 * Pages behind sign-in. Without a session: to sign-in, remembering the page. An account that
 * must change its password sees only that page; a technician is told this center is for
 * administrators.
 */
export function SignedIn() {
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const hasSession = Boolean(session.token());
  const me = useMe();
  const queryClient = useQueryClient();
  // The first page is most often the tree: ask for its top level with /me, not after it
  // (a technician's 403 is harmless).
  useEffect(() => {
    if (hasSession) void queryClient.prefetchQuery(groupLevelQuery(null));
  }, [hasSession, queryClient]);

  if (!hasSession) return <Navigate to={`/sign-in?next=${encodeURIComponent(here)}`} replace />;
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader role="progressbar" aria-label="Loading" />
      </Center>
    );
  }
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
