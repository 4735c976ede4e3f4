import { Injectable } from '@nestjs/common';
import {
  CreateGroupCommand,
  DeleteGroupCommand,
  ErrorCodes,
  GetGroupTreeQuery,
  GroupTreeNode,
  GroupView,
  MoveTechnicianCommand,
  OrgPatterns,
  ScimTokenIdentity,
  TechnicianView,
  UpdateGroupCommand,
} from '@app/contracts';
import { InjectRpcClient, RpcCallError, RpcClient } from '@app/platform';
import { isUUID } from 'class-validator';
import { ProblemException } from '../problem/problem.exception';
import { flattenTree } from './scim-group';
import { allTechnicians } from './scim-technicians';
import { scimActor } from './scim-token.guard';

/**
 * The Technician Groups a SCIM token sees (its group's subtree), through org's own commands:
 * what the Groups endpoint reads and changes, and the moves that membership means.
 */
@Injectable()
export class ScimGroupsDirectory {
  constructor(@InjectRpcClient('org') private readonly org: RpcClient) {}

  async tree(scim: ScimTokenIdentity): Promise<GroupTreeNode[]> {
    const reply = await this.org.send<{ groups: GroupTreeNode[] }>(OrgPatterns.groupTreeGet, {
      actor: scimActor(scim),
    } satisfies GetGroupTreeQuery);
    return reply.groups;
  }

  /** A group of the token's subtree; anything else (a malformed id included) is 404. */
  async group(scim: ScimTokenIdentity, id: string): Promise<GroupTreeNode> {
    const found = isUUID(id)
      ? flattenTree(await this.tree(scim)).find((group) => group.id === id.toLowerCase())
      : undefined;
    if (!found) throw new ProblemException(ErrorCodes.GROUP_NOT_FOUND, 'no such Group');
    return found;
  }

  /** A sub-group of the token's group; its displayName unique among the groups the token sees. */
  async create(scim: ScimTokenIdentity, displayName: string): Promise<GroupView> {
    return uniqueName(
      this.org.send<GroupView>(OrgPatterns.groupCreate, {
        actor: scimActor(scim),
        name: displayName,
        parentId: scim.groupId,
        nameUniqueWithin: scim.groupId,
      } satisfies CreateGroupCommand),
    );
  }

  async rename(scim: ScimTokenIdentity, id: string, displayName: string): Promise<void> {
    await uniqueName(
      this.org.send(OrgPatterns.groupUpdate, {
        actor: scimActor(scim),
        groupId: id,
        name: displayName,
        nameUniqueWithin: scim.groupId,
      } satisfies UpdateGroupCommand),
    );
  }

  /** The technicians directly in the group. */
  members(scim: ScimTokenIdentity, groupId: string): Promise<TechnicianView[]> {
    return allTechnicians(this.org, scim, { groupId });
  }

  /**
   * Members in `after` and not in `before` move into the group; those only in `before` move
   * back to the token's group. A member that cannot move (unknown, outside the subtree) is
   * left as it is: one bad member never fails the others.
   */
  async setMembers(scim: ScimTokenIdentity, groupId: string, before: string[], after: string[]) {
    const had = new Set(before);
    const wants = new Set(after);
    const moves = [
      ...[...wants].filter((id) => !had.has(id)).map((id) => [id, groupId] as const),
      ...(groupId === scim.groupId
        ? []
        : [...had].filter((id) => !wants.has(id)).map((id) => [id, scim.groupId] as const)),
    ];
    for (const [technicianId, to] of moves) {
      if (!isUUID(technicianId)) continue;
      await this.org
        .send(OrgPatterns.technicianMove, {
          actor: scimActor(scim),
          technicianId,
          groupId: to,
        } satisfies MoveTechnicianCommand)
        .catch(() => undefined);
    }
  }

  /** Deletes a group of the subtree, its technicians and sub-groups moved to the token's group first. */
  async delete(scim: ScimTokenIdentity, id: string): Promise<void> {
    const group = await this.group(scim, id);
    if (group.id === scim.groupId)
      throw new ProblemException(
        ErrorCodes.VALIDATION_FAILED,
        "the token's own group cannot be deleted",
        [],
        {
          scimType: 'mutability',
        },
      );
    const members = await this.members(scim, group.id);
    await this.setMembers(
      scim,
      group.id,
      members.map((m) => m.id),
      [],
    );
    for (const child of group.children) {
      await this.org.send(OrgPatterns.groupUpdate, {
        actor: scimActor(scim),
        groupId: child.id,
        parentId: scim.groupId,
      } satisfies UpdateGroupCommand);
    }
    await this.org.send(OrgPatterns.groupDelete, {
      actor: scimActor(scim),
      groupId: group.id,
    } satisfies DeleteGroupCommand);
  }
}

/**
 * Org checks the name under the tree's lock (two directories creating one name at the same
 * instant cannot both succeed): its CONFLICT is SCIM's 409 `uniqueness`.
 */
async function uniqueName<T>(sent: Promise<T>): Promise<T> {
  try {
    return await sent;
  } catch (err) {
    if (err instanceof RpcCallError && err.code === ErrorCodes.CONFLICT)
      throw new ProblemException(
        ErrorCodes.CONFLICT,
        'a Group the token sees has this displayName',
        [],
        {
          scimType: 'uniqueness',
        },
      );
    throw err;
  }
}
