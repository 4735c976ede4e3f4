import type { Stack } from './stack';
import { waitFor } from './wait-for';

/** An event as a test heard it on the events exchange: what the audit log must hold of it. */
export interface HeardChange {
  id: string;
  type: string;
  principal: string;
  channel: string;
  origin: string | undefined;
  data: { target?: { type: string; id: string; name: string }; changes?: unknown[] };
}

/**
 * Waits until the audit log (read through `GET /api/v1/audit-events` with `token`, every page)
 * holds an entry for each event heard, then checks that it holds each once, as it was heard:
 * its type, principal, channel, origin, target (with its name) and changes before and after.
 */
export async function expectEachInTheLog(
  stack: Stack,
  token: string,
  heard: HeardChange[],
): Promise<void> {
  const wanted = new Set(heard.map((event) => event.id));
  const entries = await waitFor(
    async () => {
      const all = await everyEntry(stack, token);
      const present = new Set(all.map((entry) => entry.eventId));
      return [...wanted].every((id) => present.has(id)) ? all : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 500, what: `${wanted.size} events in the audit log` },
  );
  for (const event of heard) {
    const found = entries.filter((entry) => entry.eventId === event.id);
    expect({ event: event.id, entries: found.length }).toEqual({ event: event.id, entries: 1 });
    expect(found[0]).toMatchObject({
      type: event.type,
      actor: { principal: event.principal },
      channel: event.channel,
      origin: event.origin ?? null,
      target: event.data.target,
      changes: event.data.changes ?? [],
    });
  }
}

/** Every entry the token may see, newest first, through the keyset pages. */
async function everyEntry(stack: Stack, token: string): Promise<any[]> {
  const entries: any[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await stack.api.get(`/api/v1/audit-events?${query}`, token);
    if (page.status !== 200) throw new Error(`audit-events answered ${page.status}: ${page.text}`);
    entries.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return entries;
}
