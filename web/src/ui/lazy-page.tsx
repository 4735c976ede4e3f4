import { lazy, useState, type ComponentType } from 'react';
import { matchRoutes, type RouteObject } from 'react-router';
import { loadNamespaces, type Namespace } from '../i18n/i18n';

/** A route of the app; a page's own says how to load it before it is needed. */
export type PageRoute = Omit<RouteObject, 'children'> & {
  preload?: () => Promise<unknown>;
  /** Its pages need a session: without one, nothing of them is loaded. */
  requiresSession?: boolean;
  children?: PageRoute[];
};

const RELOADED = 'rac.reloaded-for';

/**
 * A page that loads when first shown: its module and the strings it reads, at once. Keeps
 * the sign-in page's first load to the few modules it needs. `preload` starts it early
 * (preloadPages: every page of the address at once, not one after the other as they render).
 */
export function lazyPage<M>(
  load: () => Promise<M>,
  component: (module: M) => ComponentType,
  ...namespaces: Namespace[]
): Pick<PageRoute, 'element' | 'preload'> {
  let loading: Promise<{ default: ComponentType }> | undefined;
  let loaded: ComponentType | undefined;
  const preload = () =>
    (loading ??= Promise.all([load(), loadNamespaces(namespaces)]).then(
      ([module]) => {
        sessionStorage.removeItem(RELOADED);
        loaded = component(module);
        return { default: loaded };
      },
      (error: unknown) => {
        loading = undefined;
        // A release replaced the app's files since this tab loaded them: load the new ones, once.
        if (sessionStorage.getItem(RELOADED) === window.location.href) throw error;
        sessionStorage.setItem(RELOADED, window.location.href);
        window.location.reload();
        return new Promise<never>(() => {});
      },
    ));
  const Lazy = lazy(preload);
  // Loaded before it is first shown (preloaded before the first render): shown at once, as
  // React.lazy would still suspend once, and React then holds the page back for 300 ms. The
  // choice is kept for the page's life: switching would remount it (and lose its form).
  const Page = () => {
    const [Loaded] = useState(() => loaded);
    return Loaded ? <Loaded /> : <Lazy />;
  };
  return { element: <Page />, preload };
}

/**
 * Starts loading every page the address shows (a layout, its page, the page's panel), at
 * once; settles when they are there.
 */
export async function preloadPages(
  routes: PageRoute[],
  pathname: string,
  signedIn: boolean,
): Promise<void> {
  const loading: Promise<unknown>[] = [];
  for (const match of matchRoutes(routes as RouteObject[], pathname) ?? []) {
    const route = match.route as PageRoute;
    if (route.requiresSession && !signedIn) break;
    if (route.preload) loading.push(route.preload());
  }
  await Promise.all(loading);
}
