import { queryDatabase } from '../test/support/databases';
import { createGroup } from '../test/support/fixtures';
import type { Stack } from '../test/support/stack';
import { inParallel } from './measure';

/**
 * An organization of realistic size for the read benchmarks: `groupCount` groups made
 * through the REST API (a tenth at the top, the rest one level below), and `technicianCount`
 * technicians written straight into org's tables (hashing 10,000 passwords would take
 * minutes and say nothing about reads). The seeded technicians have no credential.
 */
export async function seedOrganization(
  stack: Stack,
  token: string,
  groupCount: number,
  technicianCount: number,
): Promise<void> {
  const { organizationId } = (await stack.api.get('/api/v1/me', token)).body as {
    organizationId: string;
  };
  const roots: string[] = [];
  await inParallel(
    Array.from({ length: groupCount / 10 }, (_, i) => i),
    4,
    async (i) => {
      roots.push((await createGroup(stack.api, token, { name: `Region ${i}` })).id);
    },
  );
  await inParallel(
    Array.from({ length: groupCount - roots.length }, (_, i) => i),
    4,
    async (i) => {
      await createGroup(stack.api, token, { name: `Team ${i}`, parentId: roots[i % roots.length] });
    },
  );
  await queryDatabase(
    stack.env.databases.org,
    `WITH orgs AS (SELECT organization_id AS id, array_agg(id) AS groups FROM groups
                    WHERE organization_id = $2 GROUP BY 1),
          seeded AS MATERIALIZED (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1::int) n),
          accounts_made AS (
            INSERT INTO accounts (id, organization_id, role, name, sort_name, email, email_normalized, enabled, state)
            SELECT seeded.id, orgs.id, 'technician', 'Seeded Technician ' || n, 'seeded technician ' || n,
                   'seeded.' || n || '@bench.example.com', 'seeded.' || n || '@bench.example.com', true, 'active'
              FROM seeded, orgs
            RETURNING id)
     INSERT INTO technicians (account_id, organization_id, group_id, nickname, standard_license, mobile_license)
     SELECT seeded.id, orgs.id, orgs.groups[1 + n % array_length(orgs.groups, 1)], 'Seeded ' || n, true, false
       FROM seeded, orgs`,
    [technicianCount, organizationId],
  );
  await queryDatabase(stack.env.databases.org, 'ANALYZE');
}

/**
 * An organization ten times larger, written straight into org's tables (groups and
 * technicians alike: making 10,000 groups one request at a time would take minutes): a
 * tenth of the groups at the top, the rest one level below, technicians spread over them.
 * Returns the ids of a few groups that have sub-groups, to read their children.
 */
export async function seedLargeOrganization(
  stack: Stack,
  organizationId: string,
  groupCount: number,
  technicianCount: number,
): Promise<string[]> {
  const database = stack.env.databases.org;
  const roots = Math.max(1, Math.floor(groupCount / 10));
  await queryDatabase(
    database,
    `WITH tops AS (
        INSERT INTO groups (id, organization_id, parent_id, path, name)
        SELECT id, $1, NULL, '/' || id || '/', 'Region ' || n
          FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $2::int) n) made
        RETURNING id, path)
     INSERT INTO groups (id, organization_id, parent_id, path, name)
     SELECT made.id, $1, top.id, top.path || made.id || '/', 'Team ' || made.n
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $3::int) n) made
       JOIN (SELECT id, path, row_number() OVER (ORDER BY id) - 1 AS k FROM tops) top
         ON top.k = made.n % $2::int`,
    [organizationId, roots, groupCount - roots],
  );
  await queryDatabase(
    database,
    `WITH all_groups AS (SELECT array_agg(id) AS ids FROM groups WHERE organization_id = $1),
          seeded AS MATERIALIZED (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $2::int) n),
          accounts_made AS (
            INSERT INTO accounts (id, organization_id, role, name, sort_name, email, email_normalized, enabled, state)
            SELECT seeded.id, $1, 'technician', 'Large Technician ' || n, 'large technician ' || n,
                   'large.' || n || '@large.example.com', 'large.' || n || '@large.example.com', true, 'active'
              FROM seeded
            RETURNING id)
     INSERT INTO technicians (account_id, organization_id, group_id, nickname, standard_license, mobile_license)
     SELECT seeded.id, $1, all_groups.ids[1 + n % array_length(all_groups.ids, 1)], 'Large ' || n, true, false
       FROM seeded, all_groups`,
    [organizationId, technicianCount],
  );
  await queryDatabase(database, 'ANALYZE');
  const parents = await queryDatabase<{ id: string }>(
    database,
    `SELECT id FROM groups WHERE organization_id = $1 AND parent_id IS NULL ORDER BY id LIMIT 20`,
    [organizationId],
  );
  return parents.map((row) => row.id);
}

/**
 * Puts every top group of the organization under one new top group and returns its id: a
 * directory's token is one group's, and the SCIM lookup figure wants all the seeded
 * technicians in its subtree (the seed itself has a thousand top groups).
 */
export async function underOneTop(stack: Stack, organizationId: string): Promise<string> {
  const database = stack.env.databases.org;
  const [top] = await queryDatabase<{ id: string; path: string }>(
    database,
    `INSERT INTO groups (id, organization_id, parent_id, path, name)
     SELECT made.id, $1, NULL, '/' || made.id || '/', 'Company'
       FROM (SELECT gen_random_uuid() AS id) made
     RETURNING id, path`,
    [organizationId],
  );
  // One UPDATE (a row changed once): the parents of the old tops, and every path below.
  await queryDatabase(
    database,
    `UPDATE groups SET parent_id = COALESCE(parent_id, $2), path = $3 || substr(path, 2)
      WHERE organization_id = $1 AND id <> $2`,
    [organizationId, top.id, top.path],
  );
  await queryDatabase(database, 'ANALYZE groups');
  return top.id;
}
