import { MantineProvider } from '@mantine/core';
import { BrowserRouter, useRoutes, type RouteObject } from 'react-router';
import { session } from '../api/session';
import { preloadPages } from '../ui/lazy-page';
import { routes } from './routes';
import { cssVariablesResolver, theme } from './theme';

// The page of this address loads at once with everything it shows; a signed-in load asks
// for what the page reads meanwhile.
const signedIn = Boolean(session.token());
preloadPages(routes, window.location.pathname, signedIn);
if (signedIn) void import('../api/query-client').then((m) => m.prefetchSignedIn());

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
