import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  ErrorCodes,
  GetGroupQuery,
  GroupSummary,
  GroupTreeNode,
  GroupTreeReply,
  GROUP_TREE_MAX_GROUPS,
  ListGroupChildrenQuery,
  Page,
  Roles,
} from '@app/contracts';
import { decodeCursor, keysetPage, rpcError } from '@app/platform';
import { escapeLike } from '../sql/escape-like';
import { ScopePolicy } from '../scope/scope-policy';
import { Group } from '../entities/group.entity';
import { childCounts, technicianCounts } from './group-counts';
import { groupsByName } from './groups-by-name';
import { toView } from './groups.service';

const NATURAL = new Intl.Collator('und', { numeric: true });

/** The tree's reads: the whole visible tree at once, or one level of it in pages. */
@Injectable()
export class GroupTreeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
  ) {}

  /** The tree the caller may see: the whole organization, or the subtrees of an Administrator's groups. */
  async tree(query: { actor: GetGroupQuery['actor'] }): Promise<GroupTreeReply> {
    const context = await this.scope.administrator(query.actor);
    const builder = this.dataSource
      .getRepository(Group)
      .createQueryBuilder('g')
      .where('g.organization_id = :org', { org: context.organizationId })
      .orderBy('g.path');
    if (context.role !== Roles.MASTER_ADMIN) {
      if (context.scopePaths.length === 0) return { groups: [] };
      builder.andWhere('g.path LIKE ANY(:paths)', {
        paths: context.scopePaths.map((p) => `${escapeLike(p)}%`),
      });
    }
    // One more than the bound says whether the tree is past it, without reading it all.
    const groups = await builder.limit(GROUP_TREE_MAX_GROUPS + 1).getMany();
    if (groups.length > GROUP_TREE_MAX_GROUPS)
      throw rpcError(
        ErrorCodes.TREE_TOO_LARGE,
        `More than ${GROUP_TREE_MAX_GROUPS} groups: read the tree a level at a time, or search it`,
      );
    // Counted for the whole organization at once (one pass over its technicians), rather
    // than with a list of every visible group's id.
    const counts = await technicianCounts(this.dataSource, context.organizationId);
    const nodes = new Map<string, GroupTreeNode>(
      groups.map((g) => [g.id, { ...toView(g, counts.get(g.id) ?? 0), children: [] }]),
    );
    const roots: GroupTreeNode[] = [];
    for (const group of groups) {
      const node = nodes.get(group.id)!;
      const parent = group.parentId ? nodes.get(group.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    // Natural order, as the paged lists have it (the natural_sort collation).
    const byName = (a: GroupTreeNode, b: GroupTreeNode) =>
      NATURAL.compare(a.name, b.name) || a.id.localeCompare(b.id);
    const sort = (list: GroupTreeNode[]): void => {
      list.sort(byName);
      list.forEach((node) => sort(node.children));
    };
    sort(roots);
    return { groups: roots };
  }

  /**
   * One level of the tree, by name, in pages: a group's sub-groups, or the top of what the
   * caller may see. Reads only that level (the parent index), whatever the tree's size.
   */
  async children(query: ListGroupChildrenQuery): Promise<Page<GroupSummary>> {
    const context = await this.scope.administrator(query.actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const builder = groupsByName(this.dataSource, context.organizationId, limit);
    if (query.parentId) {
      const parent = await this.scope.group(context, query.parentId);
      builder.andWhere('g.parent_id = :parent', { parent: parent.id });
    } else if (context.role === Roles.MASTER_ADMIN) {
      builder.andWhere('g.parent_id IS NULL');
    } else {
      // An Administrator's own groups, but not one that lies under another of them.
      const tops = context.scopePaths.filter(
        (path) => !context.scopePaths.some((other) => other !== path && path.startsWith(other)),
      );
      if (tops.length === 0) return { items: [], nextCursor: null };
      builder.andWhere('g.path IN (:...tops)', { tops });
    }
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, ['text', 'uuid']);
      builder.andWhere('(g.name, g.id) > (:name, :id)', { name, id });
    }
    const rows = await builder.getMany();
    const { page, nextCursor } = keysetPage(rows, limit, (last) => [last.name, last.id]);
    const ids = page.map((g) => g.id);
    const [technicians, children] = await Promise.all([
      technicianCounts(this.dataSource, context.organizationId, ids),
      childCounts(this.dataSource, ids),
    ]);
    return {
      items: page.map((g) => ({
        ...toView(g, technicians.get(g.id) ?? 0),
        childCount: children.get(g.id) ?? 0,
      })),
      nextCursor,
    };
  }
}
