import type { GroupTreeNode, TechnicianView } from '@app/contracts';
import { invalidValue, isObject } from './scim-user-values';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

export interface ScimMember {
  value: string;
  display?: string;
  $ref?: string;
}

export interface ScimGroup {
  schemas: string[];
  id: string;
  displayName: string;
  members?: ScimMember[];
  meta: { resourceType: 'Group'; location: string };
}

/** A Technician Group as a SCIM Group; its members (its technicians, not its sub-groups') when read. */
export function toScimGroup(
  group: Pick<GroupTreeNode, 'id' | 'name'>,
  baseUrl: string,
  members?: TechnicianView[],
): ScimGroup {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    displayName: group.name,
    ...(members
      ? {
          members: members.map((technician) => ({
            value: technician.id,
            display: technician.name,
            $ref: `${baseUrl}/Users/${technician.id}`,
          })),
        }
      : {}),
    meta: { resourceType: 'Group', location: `${baseUrl}/Groups/${group.id}` },
  };
}

/** The groups of a tree, each with its depth-first place: the token's group first. */
export function flattenTree(nodes: GroupTreeNode[]): GroupTreeNode[] {
  const out: GroupTreeNode[] = [];
  const stack = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    stack.push(...[...node.children].reverse());
  }
  return out;
}

/** The displayName and member ids a Group body gives (POST, PUT). */
export function groupFieldsOf(body: unknown): { displayName: string; members?: string[] } {
  if (!isObject(body)) throw invalidValue('the body must be a SCIM Group object');
  if (typeof body.displayName !== 'string' || body.displayName.trim() === '')
    throw invalidValue('displayName is required', 'displayName');
  return {
    displayName: body.displayName,
    ...(body.members === undefined ? {} : { members: memberIds(body.members) }),
  };
}

/** The ids of a members value: a list of `{ "value": id }` (or one such object). */
export function memberIds(members: unknown): string[] {
  const list = Array.isArray(members) ? members : [members];
  return list.map((member) => {
    if (!isObject(member) || typeof member.value !== 'string')
      throw invalidValue('each member is { "value": <User id> }', 'members');
    return member.value;
  });
}
