import type { Me } from './auth';
import { api, data, type Schemas } from './client';
import { readGroupLevel } from './group-level';
import { session } from './session';

declare global {
  interface Window {
    /** What public/early-requests.js asked for before the app's scripts were in, by path and query. */
    __earlyAnswers?: Record<string, Promise<Response> | undefined>;
  }
}

interface Early {
  me?: Promise<Me>;
  roots?: Promise<Schemas['GroupSummaryDto'][]>;
}
let early: Early = {};

/**
 * The answer public/early-requests.js asked for with this request's path and query, once (a
 * body reads once); any other request is sent now. The client's middleware still runs on it:
 * a 401 ends the session as for any answer.
 */
export function earlyAnswerOrFetch(request: Request): Promise<Response> {
  const { pathname, search } = new URL(request.url);
  const answers = window.__earlyAnswers;
  const answer = answers?.[pathname + search];
  if (!answer) return fetch(request);
  answers[pathname + search] = undefined;
  return answer;
}

/**
 * A signed-in load asks for what its first page most often needs (/me, the tree's top level;
 * a technician's 403 is harmless) as the app starts, while the page's modules and TanStack
 * Query load, not after them; api/query-client.ts takes the answers into its cache. When
 * public/early-requests.js asked already (it runs before the app's scripts are in), its
 * answers are taken instead.
 */
export function askEarly(): void {
  if (!session.token()) return;
  early = {
    me: data(api.GET('/api/v1/me', { fetch: earlyAnswerOrFetch })),
    roots: readGroupLevel(null, earlyAnswerOrFetch),
  };
  // Not taken (a page that does not read it): its failure is nobody's to report.
  for (const answer of Object.values(early) as Promise<unknown>[]) answer.catch(() => undefined);
}

/** The early answer to `key`, once (later reads ask the API again). */
export function takeEarly<K extends keyof Early>(key: K): Early[K] {
  const answer = early[key];
  early[key] = undefined;
  return answer;
}
