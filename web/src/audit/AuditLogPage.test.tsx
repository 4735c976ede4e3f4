import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Suspense } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from '../api/session';
import i18n from '../i18n/i18n';
import { auditRoutes } from './routes';

/**
 * The Audit log page in a DOM against a faked API (the server as the client sees it, as in
 * sign-out.test.ts); the browser suite runs it against the real audit service.
 */
const server = vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, location.href) : input, init);
    }
  };
  const state = {
    urls: [] as URL[],
    answer: (_url: URL): Response => new Response(null, { status: 204 }),
  };
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    state.urls.push(url);
    return Promise.resolve(state.answer(url));
  };
  return state;
});

const TECH = '9c3d0000-0000-4000-8000-000000000003';
const entry = (n: number, overrides: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  sequence: n,
  eventId: `e${n}`,
  type: 'org.technician.updated.v1',
  time: '2026-12-07T10:00:00.000Z',
  recordedAt: '2026-12-07T10:00:00.120Z',
  actor: { principal: 'accounts/a', type: 'account', id: 'a', name: 'Ann Admin' },
  channel: 'rest',
  origin: '203.0.113.9',
  target: { type: 'technician', id: TECH, name: 'Bob Tech' },
  changes: [{ field: 'enabled', before: true, after: false }],
  ...overrides,
});
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

function renderAt(path: string) {
  const router = createMemoryRouter(auditRoutes as RouteObject[], { initialEntries: [path] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <Suspense>
          <RouterProvider router={router} />
        </Suspense>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

describe('AuditLogPage', () => {
  beforeAll(async () => {
    // Mantine asks for media queries and element sizes, which jsdom does not answer.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- only whether it is there
    window.matchMedia ??= ((query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    })) as unknown as typeof window.matchMedia;
    await i18n.changeLanguage('en');
  });
  beforeEach(() => {
    session.start('the.session.token', 900);
    server.urls = [];
  });
  afterEach(() => {
    cleanup();
    session.end('signed-out');
  });

  it('shows each entry with who, what, from where and before → after, and pages on', async () => {
    server.answer = (url) =>
      url.searchParams.get('cursor') === 'c2'
        ? json({
            items: [
              entry(1, {
                type: 'org.technician.created.v1',
                channel: 'import',
                origin: 'imports/0f0e0000-0000-4000-8000-000000000004/rows/12',
                changes: [],
              }),
            ],
            nextCursor: null,
          })
        : json({
            items: [
              entry(3),
              entry(2, {
                actor: {
                  principal: 'service-principals/5e0c0000-0000-4000-8000-000000000005',
                  type: 'service-principal',
                  id: '5e0c0000-0000-4000-8000-000000000005',
                  name: null,
                },
                channel: 'amqp',
                origin: 'billing',
                changes: [
                  { field: 'permissions', before: ['Chat'], after: ['Chat', 'RemoteView'] },
                ],
              }),
            ],
            nextCursor: 'c2',
          });
    renderAt('/audit');

    const table = await screen.findByRole('table', { name: 'Entries' });
    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(2);
    expect(rows()[0].textContent).toContain('Ann Admin');
    expect(rows()[0].textContent).toContain('disabled technician Bob Tech');
    expect(rows()[0].textContent).toContain('REST from 203.0.113.9');
    expect(within(rows()[0]).getByRole('list', { name: 'Changes' }).textContent).toBe(
      'Enabled: Yes → changed to No',
    );
    // A service principal without a name: its id, and what it is.
    expect(rows()[1].textContent).toContain('5e0c0000-0000-4000-8000-000000000005');
    expect(rows()[1].textContent).toContain('service principal');
    expect(rows()[1].textContent).toContain('AMQP as billing');
    expect(within(rows()[1]).getByRole('listitem').textContent).toBe(
      'Permissions: Chat → changed to Chat, RemoteView',
    );
    expect(screen.getByRole('status').textContent).toBe('2 entries shown, more available');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[2].textContent).toContain('created technician Bob Tech');
    expect(
      within(rows()[2]).getByRole('link', { name: 'import row 12' }).getAttribute('href'),
    ).toBe('/imports/0f0e0000-0000-4000-8000-000000000004');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('3 entries');
  });

  it('applies the filters into the address and asks with them', async () => {
    server.answer = () => json({ items: [], nextCursor: null });
    const router = renderAt('/audit');
    await screen.findByText('0 entries');

    fireEvent.change(screen.getByRole('combobox', { name: 'What' }), {
      target: { value: 'org.technician.*' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Target' }), { target: { value: TECH } });
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    });

    await waitFor(() =>
      expect(router.state.location.search).toBe(`?target=${TECH}&type=org.technician.*`),
    );
    await waitFor(() =>
      expect(Object.fromEntries(server.urls.at(-1)!.searchParams)).toEqual({
        target: TECH,
        type: 'org.technician.*',
        limit: '50',
      }),
    );
    expect(screen.getByRole('textbox', { name: 'Target' })).toHaveProperty('value', TECH);
  });

  it('says what is wrong with a filter instead of asking', async () => {
    server.answer = () => json({ items: [], nextCursor: null });
    renderAt('/audit');
    await screen.findByText('0 entries');
    const asked = server.urls.length;

    fireEvent.change(screen.getByRole('textbox', { name: 'Who' }), { target: { value: 'ann' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(await screen.findByText(/Enter an ID/)).toBeTruthy();
    expect(server.urls.length).toBe(asked);
  });
});
