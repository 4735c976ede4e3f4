import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE, GroupMatch, Page, Roles, SearchGroupsQuery } from '@app/contracts';
import { decodeCursor, keysetPage } from '@app/platform';
import { escapeLike } from '../sql/escape-like';
import { ScopePolicy } from '../scope/scope-policy';
import { visibleLine } from './group-path';
import { groupsByName } from './groups-by-name';

/**
 * Group search for pickers: a page of the groups in scope whose name contains `q`, by
 * name (groups_listing_idx walks them in order; groups_name_trgm finds rare matches), each
 * with the names of its ancestors read in one more query. Never the whole tree.
 */
@Injectable()
export class GroupSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
  ) {}

  async search(query: SearchGroupsQuery): Promise<Page<GroupMatch>> {
    const context = await this.scope.administrator(query.actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const master = context.role === Roles.MASTER_ADMIN;
    if (!master && context.scopePaths.length === 0) return { items: [], nextCursor: null };
    const builder = groupsByName(this.dataSource, context.organizationId, limit);
    if (!master) {
      builder.andWhere('g.path LIKE ANY(:paths)', {
        paths: context.scopePaths.map((p) => `${escapeLike(p)}%`),
      });
    }
    // Postgres lowers the term as it lowers the names (groups_name_trgm is on lower(name)).
    if (query.q)
      builder.andWhere('lower(g.name) LIKE lower(:q)', { q: `%${escapeLike(query.q)}%` });
    if (query.ids) {
      if (query.ids.length === 0) return { items: [], nextCursor: null };
      builder.andWhere('g.id IN (:...ids)', { ids: query.ids });
    }
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, ['text', 'uuid']);
      builder.andWhere('(g.name, g.id) > (:name, :id)', { name, id });
    }
    const rows = await builder.getMany();
    const { page, nextCursor } = keysetPage(rows, limit, (last) => [last.name, last.id]);
    const lines = page.map((g) => visibleLine(g.path, master ? [] : context.scopePaths));
    const names = await this.names(
      context.organizationId,
      lines.flatMap((line) => line.ids),
    );
    return {
      items: page.map((g, i) => ({
        id: g.id,
        name: g.name,
        parentId: g.parentId,
        path: lines[i].ids.map((id) => (id === g.id ? g.name : (names.get(id) ?? ''))),
        pathCut: lines[i].cut,
      })),
      nextCursor,
    };
  }

  private async names(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM groups WHERE organization_id = $1 AND id = ANY($2)`,
      [organizationId, unique],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
