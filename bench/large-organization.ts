import type { Stack } from '../test/support/stack';
import { percentiles } from './measure';
import type { Figure } from './report';
import { seedLargeOrganization } from './seed';
import { readLatencies, secondOrganization } from './stack-work';

/* The organization ten times larger than the first's reads, and the reads measured in it. */

export const LARGE = { groups: 10_000, technicians: 100_000 };

export interface LargeOrganization {
  token: string;
  organizationId: string;
  /** A few groups that have sub-groups. */
  parents: string[];
}

/** A new organization of 10,000 groups and 100,000 technicians, written into org's tables. */
export async function largeOrganization(stack: Stack): Promise<LargeOrganization> {
  const { token } = await secondOrganization(stack);
  const { organizationId } = (await stack.api.get('/api/v1/me', token)).body as {
    organizationId: string;
  };
  const parents = await seedLargeOrganization(
    stack,
    organizationId,
    LARGE.groups,
    LARGE.technicians,
  );
  return { token, organizationId, parents };
}

/** One level of the tree, search and the whole tree in the large organization; adds their figures. */
export async function largeReads(
  stack: Stack,
  large: LargeOrganization,
  figures: Figure[],
  step: (what: string) => void,
): Promise<Record<string, unknown>> {
  const reads: [string, string[], number, boolean][] = [
    [
      "one group's sub-groups (GET /groups/:id/children), 10,000 groups",
      large.parents.map((id) => `/api/v1/groups/${id}/children`),
      200,
      true,
    ],
    ['the top of the tree (GET /groups/roots), 10,000 groups', ['/api/v1/groups/roots'], 200, true],
    [
      'technician search (GET /technicians?q=), 100,000 technicians',
      [
        '/api/v1/technicians?q=large%20technician%2042424',
        '/api/v1/technicians?q=large.example',
        '/api/v1/technicians?q=nobody-is-called-this',
        '/api/v1/technicians?q=technician%209999',
      ],
      200,
      true,
    ],
    ['the whole tree (GET /groups), 10,000 groups', ['/api/v1/groups'], 20, false],
  ];
  const results: Record<string, unknown> = {};
  for (const [figure, paths, count, hasGoal] of reads) {
    step(figure);
    const p = percentiles(await readLatencies(stack, large.token, paths, count));
    results[figure] = p;
    figures.push({
      figure: `${figure}: p50 / p95`,
      value: `${p.p50} / ${p.p95} ms (${count} requests)`,
      goal: hasGoal ? 'p95 ≤ 50 ms' : '',
      ...(hasGoal ? { met: p.p95 <= 50 } : {}),
    });
  }
  return results;
}
