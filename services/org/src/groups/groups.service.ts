import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  CreateGroupCommand,
  DeleteGroupCommand,
  ErrorCodes,
  EventPatterns,
  EventTarget,
  GroupCreatedEvent,
  GroupDeletedEvent,
  GroupEventView,
  GroupMovedEvent,
  GroupUpdatedEvent,
  GetGroupQuery,
  GroupView,
  Roles,
  UpdateGroupCommand,
} from '@app/contracts';
import { eventOrigin, Outbox, rpcError } from '@app/platform';
import { fieldChanges, movePaths } from '../events/field-changes';
import { escapeLike } from '../sql/escape-like';
import { ActorContext, forbiddenGroup, groupNotFound, ScopePolicy } from '../scope/scope-policy';
import { Group } from '../entities/group.entity';
import { technicianCounts } from './group-counts';
import { assertNameFree } from './group-names';
import { lockTree } from './tree-lock';

@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
    private readonly outbox: Outbox,
  ) {}

  async create(command: CreateGroupCommand): Promise<GroupView> {
    return this.dataSource.transaction(async (manager) => {
      // The parent's path is read, and the actor's scope computed, after the tree lock:
      // no move of an ancestor can run between them and the insert.
      // A name unique within a subtree is checked by one create at a time.
      const unique = command.nameUniqueWithin;
      await lockTree(manager, command.actor.organizationId, unique ? 'exclusive' : 'share');
      const context = await this.scope.administrator(command.actor, manager);
      let parent: Group | undefined;
      if (command.parentId)
        parent = await this.lockedGroup(context, command.parentId, manager, 'parentId');
      else if (context.role !== Roles.MASTER_ADMIN) throw forbiddenGroup();
      if (unique)
        await assertNameFree(
          manager,
          await this.scope.group(context, unique, manager),
          command.name,
        );
      const id = randomUUID();
      const group = await manager.getRepository(Group).save({
        id,
        organizationId: context.organizationId,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        name: command.name,
        description: command.description ?? '',
        permissions: command.permissions ?? [],
      });
      await this.outbox.add(manager, EventPatterns.groupCreated, eventOrigin(context), {
        target: groupTarget(group),
        groupPaths: [group.path],
        group: eventView(group),
      } satisfies GroupCreatedEvent);
      return toView(group, 0);
    });
  }

  async get(query: GetGroupQuery): Promise<GroupView> {
    const context = await this.scope.administrator(query.actor);
    const group = await this.scope.group(context, query.groupId);
    return toView(
      group,
      (await technicianCounts(this.dataSource, context.organizationId, [group.id])).get(group.id) ??
        0,
    );
  }

  async update(command: UpdateGroupCommand): Promise<GroupView> {
    const group = await this.dataSource.transaction(async (manager) => {
      // A move rewrites the paths of a subtree: nothing else may write a path meanwhile, and
      // the actor's scope is read under the lock.
      const unique = command.name !== undefined ? command.nameUniqueWithin : undefined;
      if (command.parentId !== undefined || unique)
        await lockTree(manager, command.actor.organizationId, 'exclusive');
      const context = await this.scope.administrator(command.actor, manager);
      const current = await this.lockedGroup(context, command.groupId, manager);
      if (unique)
        await assertNameFree(
          manager,
          await this.scope.group(context, unique, manager),
          command.name!,
          current.id,
        );
      const changes: Partial<Group> = {};
      if (command.name !== undefined) changes.name = command.name;
      if (command.description !== undefined) changes.description = command.description;
      if (command.permissions !== undefined) changes.permissions = command.permissions;
      const moving = command.parentId !== undefined && command.parentId !== current.parentId;
      if (moving) await this.reparent(context, current, command.parentId!, manager);
      if (Object.keys(changes).length > 0)
        await manager.getRepository(Group).update({ id: current.id }, changes);
      const updated = await manager.getRepository(Group).findOneByOrFail({ id: current.id });
      await this.publishUpdate(manager, context, current, updated);
      return updated;
    });
    return toView(
      group,
      (await technicianCounts(this.dataSource, group.organizationId, [group.id])).get(group.id) ??
        0,
    );
  }

  async delete(command: DeleteGroupCommand): Promise<{ id: string }> {
    const context = await this.scope.administrator(command.actor);
    await this.dataSource.transaction(async (manager) => {
      const group = await this.lockedGroup(context, command.groupId, manager);
      try {
        await manager.getRepository(Group).delete({ id: group.id });
        await this.outbox.add(manager, EventPatterns.groupDeleted, eventOrigin(context), {
          target: groupTarget(group),
          groupPaths: [group.path],
          groupId: group.id,
        } satisfies GroupDeletedEvent);
      } catch (err) {
        // Sub-groups and technicians refer to it (ON DELETE RESTRICT): the database decides.
        if (err instanceof QueryFailedError && (err as { code?: string }).code === '23503') {
          throw rpcError(
            ErrorCodes.GROUP_NOT_EMPTY,
            'the group still has technicians or sub-groups',
          );
        }
        throw err;
      }
    });
    return { id: command.groupId };
  }

  /**
   * The events of an update: `updated` for its name, description or permissions (before and
   * after), `moved` for a new parent; none when nothing changed.
   */
  private async publishUpdate(
    manager: EntityManager,
    context: ActorContext,
    before: Group,
    after: Group,
  ): Promise<void> {
    const origin = eventOrigin(context);
    const changes = fieldChanges(eventView(before), eventView(after), [
      'name',
      'description',
      'permissions',
    ]);
    if (changes.length > 0) {
      await this.outbox.add(manager, EventPatterns.groupUpdated, origin, {
        target: groupTarget(after),
        groupPaths: [after.path],
        changes,
        group: eventView(after),
      } satisfies GroupUpdatedEvent);
    }
    if (before.parentId !== after.parentId) {
      await this.outbox.add(manager, EventPatterns.groupMoved, origin, {
        target: groupTarget(after),
        groupPaths: movePaths(before.path, after.path),
        changes: [{ field: 'parentId', before: before.parentId, after: after.parentId }],
        groupId: after.id,
        fromParentId: before.parentId,
        toParentId: after.parentId,
      } satisfies GroupMovedEvent);
    }
  }

  /** Moves a group (with its subtree) under another parent, or to the top. */
  private async reparent(
    context: ActorContext,
    group: Group,
    parentId: string | null,
    manager: EntityManager,
  ): Promise<void> {
    let newPrefix = '/';
    if (parentId) {
      const parent = await this.lockedGroup(context, parentId, manager, 'parentId');
      if (parent.path.startsWith(group.path)) {
        throw rpcError(ErrorCodes.VALIDATION_FAILED, 'a group cannot move below itself', {
          errors: [
            {
              field: 'parentId',
              code: 'CYCLE',
              message: 'is the group itself or one of its sub-groups',
            },
          ],
        });
      }
      newPrefix = parent.path;
    } else if (context.role !== Roles.MASTER_ADMIN) {
      throw forbiddenGroup();
    }
    const newPath = `${newPrefix}${group.id}/`;
    await manager.query(
      `UPDATE groups SET path = $1 || substr(path, $2) WHERE organization_id = $3 AND path LIKE $4`,
      [newPath, group.path.length + 1, group.organizationId, `${escapeLike(group.path)}%`],
    );
    await manager.getRepository(Group).update({ id: group.id }, { parentId });
  }

  /** A group in scope, locked for the rest of the transaction (tree changes are serialised per group). */
  private async lockedGroup(
    context: ActorContext,
    groupId: string,
    manager: EntityManager,
    field = 'groupId',
  ): Promise<Group> {
    const group = await manager
      .getRepository(Group)
      .createQueryBuilder('g')
      .where('g.id = :id AND g.organization_id = :org', {
        id: groupId,
        org: context.organizationId,
      })
      .setLock('pessimistic_write')
      .getOne();
    if (!group) throw groupNotFound(field);
    if (!this.scope.reaches(context, group.path)) throw forbiddenGroup();
    return group;
  }
}

function groupTarget(group: Group): EventTarget {
  return { type: 'group', id: group.id, name: group.name };
}

function eventView(group: Group): GroupEventView {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    parentId: group.parentId,
    permissions: group.permissions,
  };
}

export function toView(group: Group, technicianCount: number): GroupView {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    parentId: group.parentId,
    permissions: group.permissions,
    technicianCount,
  };
}
