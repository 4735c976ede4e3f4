import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Actor } from '../actor';
import { PageQuery } from '../pagination';
import { DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH } from '../limits';
import { Permission, PERMISSIONS } from '../permissions';
import { MaxChars, PlainText, SingleLine, Trim } from '../text-rules';

export interface GroupView {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  permissions: Permission[];
  /** Technicians directly in this group (not in its sub-groups). */
  technicianCount: number;
}

export interface GroupTreeNode extends GroupView {
  children: GroupTreeNode[];
}

/** A group as a level of the tree shows it: with how many sub-groups it has, not them. */
export interface GroupSummary extends GroupView {
  /** Sub-groups directly under this group. */
  childCount: number;
}

/**
 * The most groups the whole tree (`org.group.tree.get.v1`, GET /groups) answers, twice the
 * size the API is benchmarked at; past it TREE_TOO_LARGE: a tree that large is read a level
 * at a time (GET /groups/roots, /groups/:id/children) or searched (GET /groups/search).
 */
export const GROUP_TREE_MAX_GROUPS = 20_000;

/** Reply of `org.group.tree.get.v1`: the part of the tree the caller may see. */
export interface GroupTreeReply {
  groups: GroupTreeNode[];
}

class ActorCommand {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;
}

/** Request `org.group.tree.get.v1`. */
export class GetGroupTreeQuery extends ActorCommand {}

/**
 * Request `org.group.children.list.v1`: one level of the tree, by name, in pages. With a
 * `parentId`, that group's sub-groups; without, the top of what the caller may see (the
 * organization's top-level groups, or an Administrator's own groups). Reply:
 * Page<GroupSummary>. For an organization too large to send its whole tree at once.
 */
export class ListGroupChildrenQuery extends PageQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsOptional()
  @IsUUID()
  parentId?: string;
}

/** The fields of a new group (POST /groups and `org.group.create.v1`). */
export class GroupFields {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxChars(NAME_MAX_LENGTH)
  @SingleLine()
  name!: string;

  @IsOptional()
  @IsUUID()
  parentId?: string;

  @IsOptional()
  @IsString()
  @MaxChars(DESCRIPTION_MAX_LENGTH)
  @PlainText()
  description?: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(PERMISSIONS.length)
  @IsIn(PERMISSIONS, { each: true })
  permissions?: Permission[];
}

/** Command `org.group.create.v1`. Reply: GroupView. */
export class CreateGroupCommand extends GroupFields {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  /**
   * Where the name must be unique (SCIM's `displayName`, which Entra ID matches groups by):
   * among this group and its subtree, without regard to case, checked under the tree's lock.
   * A clash is CONFLICT naming `name`.
   */
  @IsOptional()
  @IsUUID()
  nameUniqueWithin?: string;
}

/** Request `org.group.get.v1`. Reply: GroupView. */
export class GetGroupQuery extends ActorCommand {
  @IsUUID()
  groupId!: string;
}

/** What PATCH /groups/:id may change. `parentId: null` makes it a top-level group. */
export class GroupChanges {
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxChars(NAME_MAX_LENGTH)
  @SingleLine()
  name?: string;

  @IsOptional()
  @IsString()
  @MaxChars(DESCRIPTION_MAX_LENGTH)
  @PlainText()
  description?: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(PERMISSIONS.length)
  @IsIn(PERMISSIONS, { each: true })
  permissions?: Permission[];

  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID()
  parentId?: string | null;
}

/** Command `org.group.update.v1`. Reply: GroupView. */
export class UpdateGroupCommand extends GroupChanges {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsUUID()
  groupId!: string;

  /** As on CreateGroupCommand: the new name unique within this group's subtree. */
  @IsOptional()
  @IsUUID()
  nameUniqueWithin?: string;
}

/** Command `org.group.delete.v1`. GROUP_NOT_EMPTY while it has technicians or sub-groups. */
export class DeleteGroupCommand extends ActorCommand {
  @IsUUID()
  groupId!: string;
}
