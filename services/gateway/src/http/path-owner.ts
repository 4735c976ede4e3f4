/** Who answers a request: the API documentation, the REST API, or the web app. */
export type PathOwner = 'docs' | 'api' | 'web';

/**
 * What the Swagger module and the AsyncAPI route serve: /docs and everything under it (the
 * Swagger UI, its files, /docs/asyncapi.json), /docs-json and /docs-yaml. Not /docsx/… nor
 * /docs-foo, which are the web app's. Case-insensitive, as Express routes.
 */
const DOCS = /^\/docs(?:\/|$|-json$|-yaml$)/i;
/** The REST API under /api, and the SCIM API under /scim. */
const API = /^\/(?:api|scim)(?:\/|$)/i;

/**
 * The one path rule: the Content-Security-Policy of an answer (security.ts) and whether the
 * web app answers it (serve-web-app.ts) both follow it, so the Swagger UI's looser policy
 * never covers a page of the web app.
 */
export function pathOwner(req: { method: string; path: string }): PathOwner {
  if (DOCS.test(req.path)) return 'docs';
  if (API.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return 'api';
  return 'web';
}
