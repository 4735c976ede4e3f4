import { Navigate, Outlet, useLocation } from 'react-router';
import { session } from '../api/session';

/**
 * Pages behind sign-in: without a session, to sign-in, remembering the page (before anything
 * of the signed-in pages loads).
 */
export function RequireSession() {
  const location = useLocation();
  if (session.token()) return <Outlet />;
  const here = `${location.pathname}${location.search}`;
  return <Navigate to={`/sign-in?next=${encodeURIComponent(here)}`} replace />;
}
