import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Group } from '../entities/group.entity';

/**
 * An organization's groups (`g`) in name order (natural: "Tier 2" before "Tier 10"), then by
 * id, one row more than a page so that keysetPage knows whether another follows. The tree's
 * levels and group search narrow it down.
 */
export function groupsByName(
  dataSource: DataSource,
  organizationId: string,
  limit: number,
): SelectQueryBuilder<Group> {
  return dataSource
    .getRepository(Group)
    .createQueryBuilder('g')
    .where('g.organization_id = :org', { org: organizationId })
    .orderBy('g.name')
    .addOrderBy('g.id')
    .limit(limit + 1);
}
