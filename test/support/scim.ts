import { createGroup, uniqueEmail } from './fixtures';
import type { ApiClient, ApiResponse } from './api-client';

export const SCIM = {
  USER: 'urn:ietf:params:scim:schemas:core:2.0:User',
  GROUP: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  ERROR: 'urn:ietf:params:scim:api:messages:2.0:Error',
  PATCH: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  LIST: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
} as const;

/** A SCIM client as a directory is one: a token of a group, made over REST by a Master Administrator. */
export interface ScimClient {
  token: string;
  tokenId: string;
  group: { id: string; name: string };
  call(method: string, path: string, body?: unknown, bearer?: string): Promise<ApiResponse>;
  /** A User made over SCIM (201 expected). */
  newUser(fields?: Record<string, unknown>): Promise<any>;
}

export async function scimClient(
  api: ApiClient,
  admin: string,
  label: string,
): Promise<ScimClient> {
  const group = await createGroup(api, admin, { name: `${label} ${uniqueEmail('g')}` });
  const made = await api.post('/api/v1/scim/tokens', { name: label, groupId: group.id }, admin);
  if (made.status !== 201)
    throw new Error(`POST /scim/tokens answered ${made.status}: ${made.text}`);
  const token = made.body.token as string;
  const call = (method: string, path: string, body?: unknown, bearer = token) =>
    api.request(method, `/scim/v2${path}`, {
      body,
      token: bearer,
      headers: { 'content-type': 'application/scim+json' },
    });
  return {
    token,
    tokenId: made.body.id,
    group,
    call,
    async newUser(fields = {}) {
      const created = await call('POST', '/Users', {
        schemas: [SCIM.USER],
        userName: uniqueEmail('scim'),
        ...fields,
      });
      if (created.status !== 201)
        throw new Error(`POST /Users answered ${created.status}: ${created.text}`);
      return created.body;
    },
  };
}
