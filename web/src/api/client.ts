import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { session } from './session';

export type Schemas = components['schemas'];
export type Problem = Schemas['ProblemDto'] & Record<string, unknown>;

/** An answer of the API that is not a success: its problem+json, and Retry-After when sent. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
  }

  get code(): string {
    return this.problem.code ?? 'UNKNOWN';
  }
}

/** Signing out, whose 401 (a session that had ended already) is still a sign-out. */
const SIGN_OUT_PATH = '/api/v1/auth/logout';

/** Sends the session's token, and ends the session when the API says it is no longer valid. */
const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (
      response.status === 401 &&
      request.headers.has('Authorization') &&
      new URL(request.url).pathname !== SIGN_OUT_PATH
    ) {
      session.end('expired');
    }
    return response;
  },
};

/** The typed client of the gateway's REST API (types generated from its OpenAPI document). */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; anything else throws an ApiProblem. */
export async function data<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data: body, error, response } = await call;
  if (response.ok) return body as T;
  throw toProblem(response, error);
}

export function toProblem(response: Response, body: unknown): ApiProblem {
  const problem: Problem =
    body && typeof body === 'object'
      ? (body as Problem)
      : ({ status: response.status, title: response.statusText } as Problem);
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiProblem(
    response.status,
    problem,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/** Downloads a file the API answers with (the token cannot ride on a plain link). */
export async function download(url: string, fileName: string): Promise<void> {
  const token = session.token();
  const response = await fetch(url, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw toProblem(response, await response.json().catch(() => undefined));
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * The paging of every list the API answers a page at a time: the first page without a
 * cursor, each next one with the `nextCursor` of the page before, none after the last.
 */
export const cursorPaging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (page: { nextCursor?: string | null }) => page.nextCursor ?? undefined,
};
