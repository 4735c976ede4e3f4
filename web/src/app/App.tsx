import { MantineProvider } from '@mantine/core';
import { BrowserRouter, useRoutes, type RouteObject } from 'react-router';
import { askEarly } from '../api/early-requests';
import { session } from '../api/session';
import { formatNumber } from '../i18n/format';
import i18n, { i18nReady } from '../i18n/i18n';
import { preloadPages } from '../ui/lazy-page';
import { routes } from './routes';
import { cssVariablesResolver, theme } from './theme';

/**
 * Before the first render: a signed-in load asks for what its page reads, and the page of
 * this address starts loading with everything it shows and its strings, all at once.
 * Settles when they are there: rendered then, the page does not show a loader first (and
 * React does not hold the page back after one, as it does for 300 ms to avoid flicker).
 */
export async function startLoading(): Promise<void> {
  const signedIn = Boolean(session.token());
  askEarly();
  if (signedIn) void import('../api/query-client').then((m) => m.prefetchSignedIn());
  const loading = Promise.all([
    i18nReady,
    preloadPages(routes, window.location.pathname, signedIn),
  ]);
  // The first Intl.NumberFormat of a page loads the language's number data (some 40 ms):
  // made now, while the page's files are on their way, not in the first render's counts.
  formatNumber(0, i18n.language);
  await loading;
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <BrowserRouter>
        <Pages />
      </BrowserRouter>
    </MantineProvider>
  );
}

function Pages() {
  return useRoutes(routes as RouteObject[]);
}
