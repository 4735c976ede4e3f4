import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadAuditCsv, useAuditEvents, type AuditPage } from './audit-events';
import { session } from './session';

/**
 * The server, as the app's client sees it (as in sign-out.test.ts): set up before the
 * client is made, with paths resolved against the page as a browser does.
 */
const server = vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, location.href) : input, init);
    }
  };
  const state = {
    requests: [] as { url: URL; authorization: string | null }[],
    answer: (_url: URL): Response => new Response(null, { status: 204 }),
  };
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    state.requests.push({ url, authorization: request.headers.get('Authorization') });
    return Promise.resolve(state.answer(url));
  };
  return state;
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const entry = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  sequence: n,
  eventId: `e${n}`,
  type: 'org.technician.updated.v1',
  time: '2026-12-07T10:00:00.000Z',
  recordedAt: '2026-12-07T10:00:00.120Z',
  actor: { principal: 'accounts/a', type: 'account', id: 'a', name: 'Ann Admin' },
  channel: 'rest',
  origin: '203.0.113.9',
  target: { type: 'technician', id: 't', name: 'Bob Tech' },
  changes: [],
});

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return createElement(QueryClientProvider, { client }, children);
}

describe('useAuditEvents', () => {
  beforeEach(() => {
    session.start('the.session.token', 900);
    server.requests = [];
  });
  afterEach(() => session.end('signed-out'));

  it('asks with the filters set, then for the next page with its cursor', async () => {
    const pages: Record<string, AuditPage> = {
      '': { items: [entry(3), entry(2)], nextCursor: 'c2' },
      c2: { items: [entry(1)], nextCursor: null },
    } as unknown as Record<string, AuditPage>;
    server.answer = (url) => json(pages[url.searchParams.get('cursor') ?? '']);

    const { result } = renderHook(
      () => useAuditEvents({ target: ' t ', type: 'org.technician.*', actor: '' }, 2),
      { wrapper },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.hasNextPage).toBe(true);
    await result.current.fetchNextPage();
    await waitFor(() => expect(result.current.hasNextPage).toBe(false));

    expect(result.current.data?.pages.flatMap((p) => p.items.map((i) => i.sequence))).toEqual([
      3, 2, 1,
    ]);
    expect(
      server.requests.map(({ url, authorization }) => [
        url.pathname,
        Object.fromEntries(url.searchParams),
        authorization,
      ]),
    ).toEqual([
      [
        '/api/v1/audit-events',
        { target: 't', type: 'org.technician.*', limit: '2' },
        'Bearer the.session.token',
      ],
      [
        '/api/v1/audit-events',
        { target: 't', type: 'org.technician.*', limit: '2', cursor: 'c2' },
        'Bearer the.session.token',
      ],
    ]);
  });

  it('fails with the problem the API answers', async () => {
    server.answer = () =>
      json({ status: 400, code: 'VALIDATION_FAILED', title: 'Bad Request' }, 400);
    const { result } = renderHook(() => useAuditEvents({ from: 'yesterday' }, 50), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('downloadAuditCsv', () => {
  it('downloads the CSV of the same filters with the token', async () => {
    session.start('the.session.token', 900);
    server.requests = [];
    server.answer = () => new Response('time,type\n', { status: 200 });
    URL.createObjectURL = () => 'blob:audit';
    URL.revokeObjectURL = () => undefined;
    const clicks: string[] = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    };

    await downloadAuditCsv(
      { actor: '5b2e0000-0000-4000-8000-000000000002', type: 'import.*' },
      new Date('2026-12-07T10:00:00Z'),
    );

    expect(
      server.requests.map(({ url, authorization }) => [url.pathname, url.search, authorization]),
    ).toEqual([
      [
        '/api/v1/audit-events.csv',
        '?actor=5b2e0000-0000-4000-8000-000000000002&type=import.*',
        'Bearer the.session.token',
      ],
    ]);
    expect(clicks).toEqual(['audit-log-2026-12-07.csv']);
    session.end('signed-out');
  });
});
