import type { Permission } from '../permissions';
import type { AuditedChange } from './audited-change';

/**
 * Events of the Organization Tree's groups (`org.group.*.v1`). `target`:
 * `{type:'group', id, name}` (its name as at the time); `groupPaths`: the group's own path,
 * and for a move its old path and its old and new parent's.
 */

/** A Technician Group as its events show it. */
export interface GroupEventView {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  permissions: Permission[];
}

/** `org.group.created.v1`: a Technician Group exists now. */
export interface GroupCreatedEvent extends AuditedChange {
  group: GroupEventView;
}

/**
 * `org.group.updated.v1`: renamed, described anew or re-permissioned (`changes` with the
 * fields `name`, `description`, `permissions`, before and after).
 */
export interface GroupUpdatedEvent extends AuditedChange {
  group: GroupEventView;
}

/** `org.group.moved.v1`: with its subtree under another parent (null: the top); `changes`: `parentId`. */
export interface GroupMovedEvent extends AuditedChange {
  groupId: string;
  fromParentId: string | null;
  toParentId: string | null;
}

/** `org.group.deleted.v1`: an empty group is gone. */
export interface GroupDeletedEvent extends AuditedChange {
  groupId: string;
}
