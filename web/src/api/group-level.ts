import { api, data, type Schemas } from './client';

/** The largest page of a level the API gives (its MAX_PAGE_SIZE). */
const LEVEL_PAGE = 200;

/**
 * One level of the tree, every page of it: the top (`parentId` null: GET /groups/roots, an
 * Administrator's own groups) or a group's sub-groups (GET /groups/:id/children). Plain
 * requests (api/groups.ts makes it a query), so that the app can ask for the top level
 * before TanStack Query has loaded (api/early-requests.ts).
 */
export async function readGroupLevel(
  parentId: string | null,
  fetch?: (request: Request) => Promise<Response>,
): Promise<Schemas['GroupSummaryDto'][]> {
  const groups: Schemas['GroupSummaryDto'][] = [];
  let cursor: string | undefined;
  do {
    const query = { limit: LEVEL_PAGE, cursor };
    const page = await data(
      parentId === null
        ? api.GET('/api/v1/groups/roots', { params: { query }, fetch })
        : api.GET('/api/v1/groups/{id}/children', {
            params: { path: { id: parentId }, query },
            fetch,
          }),
    );
    groups.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return groups;
}
