import {
  ListTechniciansQuery,
  OrgPatterns,
  Page,
  ScimTokenIdentity,
  TechnicianView,
} from '@app/contracts';
import type { RpcClient } from '@app/platform';
import { scimActor } from './scim-token.guard';

/** Technicians read from org a page at a time. */
const READ_PAGE = 100;

/** Every technician of the token's subtree that org's list query matches, all pages read. */
export async function allTechnicians(
  org: RpcClient,
  scim: ScimTokenIdentity,
  query: Omit<ListTechniciansQuery, 'actor' | 'limit' | 'cursor'>,
): Promise<TechnicianView[]> {
  const all: TechnicianView[] = [];
  let cursor: string | undefined;
  do {
    const page = await org.send<Page<TechnicianView>>(OrgPatterns.technicianList, {
      ...query,
      actor: scimActor(scim),
      limit: READ_PAGE,
      ...(cursor ? { cursor } : {}),
    } satisfies ListTechniciansQuery);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
