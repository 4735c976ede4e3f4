import type { AuditEventFilters } from '@app/contracts';

export interface SqlWhere {
  conditions: string[];
  params: unknown[];
}

/** Who may see what: the whole organization, or the entries within these group paths. */
export type AuditReach = { organizationId: string; scopePaths: string[] | 'all' };

/**
 * The WHERE of a list: the organization, the reader's reach, each filter given, and the page's
 * start (`sequence < cursor`). Values go as parameters, never into the text; a type ending
 * in `*` is a prefix (LIKE with its wildcards escaped).
 */
export function auditWhere(
  reach: AuditReach,
  filters: AuditEventFilters,
  before?: number,
): SqlWhere {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`organization_id = ${param(reach.organizationId)}`];
  if (reach.scopePaths !== 'all')
    conditions.push(`group_reach && ${param(reach.scopePaths)}::text[]`);
  if (filters.actorId) conditions.push(`principal_id = ${param(filters.actorId)}`);
  if (filters.targetId) conditions.push(`target_id = ${param(filters.targetId)}`);
  if (filters.type?.endsWith('*')) {
    const prefix = filters.type.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(`type LIKE ${param(`${prefix}%`)}`);
  } else if (filters.type) {
    conditions.push(`type = ${param(filters.type)}`);
  }
  if (filters.from) conditions.push(`time >= ${param(new Date(filters.from).toISOString())}`);
  if (filters.to) conditions.push(`time < ${param(new Date(filters.to).toISOString())}`);
  if (before !== undefined) conditions.push(`sequence < ${param(before)}`);
  return { conditions, params };
}
