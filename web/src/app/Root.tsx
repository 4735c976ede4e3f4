import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { session } from '../api/session';

/**
 * When the session ends (token expired, 401, sign-out), forget every cached answer and go
 * to sign-in; after an expiry, remember the page so that signing in again returns to it.
 */
export function Root() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      session.onEnd((reason) => {
        queryClient.clear();
        const here = `${location.pathname}${location.search}`;
        const params = new URLSearchParams({ reason });
        if (reason === 'expired' && location.pathname !== '/sign-in') params.set('next', here);
        void navigate(`/sign-in?${params.toString()}`, { replace: true });
      }),
    [navigate, location, queryClient],
  );

  return <Outlet />;
}
