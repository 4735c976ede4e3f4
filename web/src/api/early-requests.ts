import type { Me } from './auth';
import { api, data, type Schemas } from './client';
import { readGroupLevel } from './group-level';
import { session } from './session';

interface Early {
  me?: Promise<Me>;
  roots?: Promise<Schemas['GroupSummaryDto'][]>;
}
let early: Early = {};

/**
 * A signed-in load asks for what its first page most often needs (/me, the tree's top level;
 * a technician's 403 is harmless) as the app starts, while the page's modules and TanStack
 * Query load, not after them; api/query-client.ts takes the answers into its cache.
 */
export function askEarly(): void {
  if (!session.token()) return;
  early = { me: data(api.GET('/api/v1/me')), roots: readGroupLevel(null) };
  // Not taken (a page that does not read it): its failure is nobody's to report.
  for (const answer of Object.values(early) as Promise<unknown>[]) answer.catch(() => undefined);
}

/** The early answer to `key`, once (later reads ask the API again). */
export function takeEarly<K extends keyof Early>(key: K): Early[K] {
  const answer = early[key];
  early[key] = undefined;
  return answer;
}
