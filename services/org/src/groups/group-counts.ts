import type { DataSource } from 'typeorm';

/** Sub-groups directly under each of the given groups. */
export async function childCounts(
  dataSource: DataSource,
  groupIds: string[],
): Promise<Map<string, number>> {
  if (groupIds.length === 0) return new Map();
  const rows: { parent_id: string; count: string }[] = await dataSource.query(
    `SELECT parent_id, count(*) AS count FROM groups WHERE parent_id = ANY($1) GROUP BY parent_id`,
    [groupIds],
  );
  return new Map(rows.map((row) => [row.parent_id, Number(row.count)]));
}

/** Active technicians per group: of the given groups, or of every group of the organization. */
export async function technicianCounts(
  dataSource: DataSource,
  organizationId: string,
  groupIds?: string[],
): Promise<Map<string, number>> {
  if (groupIds?.length === 0) return new Map();
  const rows: { group_id: string; count: string }[] = await dataSource.query(
    `SELECT t.group_id, count(*) AS count
       FROM technicians t JOIN accounts a ON a.id = t.account_id AND a.state = 'active'
      WHERE t.organization_id = $1 AND ($2::uuid[] IS NULL OR t.group_id = ANY($2))
      GROUP BY t.group_id`,
    [organizationId, groupIds ?? null],
  );
  return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
}
