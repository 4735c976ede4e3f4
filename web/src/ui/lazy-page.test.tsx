import { describe, expect, it, vi } from 'vitest';
import { lazyPage, preloadPages, type PageRoute } from './lazy-page';

function page(name: string) {
  const load = vi.fn(() => Promise.resolve({ [name]: () => null }));
  return { load, route: lazyPage(load, (m) => m[name]) };
}

describe('preloadPages', () => {
  it('loads every page of the address at once, each once', async () => {
    const layout = page('Layout');
    const tree = page('Tree');
    const audit = page('Audit');
    const routes: PageRoute[] = [
      {
        ...layout.route,
        children: [
          { path: '/', ...tree.route },
          { path: '/audit', ...audit.route },
        ],
      },
    ];
    await preloadPages(routes, '/', true);
    await preloadPages(routes, '/', true);
    expect(layout.load).toHaveBeenCalledTimes(1);
    expect(tree.load).toHaveBeenCalledTimes(1);
    expect(audit.load).not.toHaveBeenCalled();
  });

  it('loads nothing behind a session without one', async () => {
    const signIn = page('SignIn');
    const signedIn = page('SignedIn');
    const routes: PageRoute[] = [
      { path: '/sign-in', ...signIn.route },
      { requiresSession: true, children: [{ path: '/', ...signedIn.route }] },
    ];
    await preloadPages(routes, '/', false);
    expect(signedIn.load).not.toHaveBeenCalled();
    await preloadPages(routes, '/', true);
    expect(signedIn.load).toHaveBeenCalledTimes(1);
  });
});
