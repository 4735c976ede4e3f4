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

/** One level of the tree, group and technician search, the whole tree in the large organization; adds their figures. */
export async function largeReads(
  stack: Stack,
  large: LargeOrganization,
  figures: Figure[],
  step: (what: string) => void,
  /** Only the figures whose name matches (BENCH_ONLY=group-search). */
  which?: RegExp,
): Promise<Record<string, unknown>> {
  // [figure, paths read in turn, requests, goal for p95 in ms (none: no goal)]
  const reads: [string, string[], number, number | undefined][] = [
    [
      "one group's sub-groups (GET /groups/:id/children), 10,000 groups",
      large.parents.map((id) => `/api/v1/groups/${id}/children`),
      200,
      50,
    ],
    ['the top of the tree (GET /groups/roots), 10,000 groups', ['/api/v1/groups/roots'], 200, 50],
    [
      // What a picker asks as one types: common and rare matches, none, and the first page.
      'group search (GET /groups/search?q=), 10,000 groups',
      [
        '/api/v1/groups/search?q=team',
        '/api/v1/groups/search?q=Team%204242',
        '/api/v1/groups/search?q=region%2099',
        '/api/v1/groups/search?q=nobody-is-called-this',
        '/api/v1/groups/search?q=',
      ],
      200,
      20,
    ],
    [
      'technician search (GET /technicians?q=), 100,000 technicians',
      [
        '/api/v1/technicians?q=large%20technician%2042424',
        '/api/v1/technicians?q=large.example',
        '/api/v1/technicians?q=nobody-is-called-this',
        '/api/v1/technicians?q=technician%209999',
      ],
      200,
      50,
    ],
    ['the whole tree (GET /groups), 10,000 groups', ['/api/v1/groups'], 20, undefined],
  ];
  const results: Record<string, unknown> = {};
  for (const [figure, paths, count, goal] of reads) {
    if (which && !which.test(figure)) continue;
    step(figure);
    const p = percentiles(await readLatencies(stack, large.token, paths, count));
    results[figure] = p;
    figures.push({
      figure: `${figure}: p50 / p95`,
      value: `${p.p50} / ${p.p95} ms (${count} requests)`,
      goal: goal ? `p95 ≤ ${goal} ms` : '',
      ...(goal ? { met: p.p95 <= goal } : {}),
    });
  }
  return results;
}
