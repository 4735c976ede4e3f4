import type { Stack } from '../test/support/stack';
import { LARGE, LargeOrganization } from './large-organization';
import { Figure, seconds } from './report';
import { ENTRA_CYCLE, entraFirstCycle, userNameLookups } from './scim';
import { underOneTop } from './seed';

/*
 * The SCIM figures of docs/BENCHMARKS.md: Entra ID's first cycle into a fresh group of the
 * bootstrap organization, then its `userName eq` lookup in the large organization.
 */
export async function scimFigures(
  stack: Stack,
  admin: string,
  large: LargeOrganization,
  figures: Figure[],
  step: (what: string) => void,
): Promise<Record<string, unknown>> {
  const shape = ENTRA_CYCLE;
  step(
    `SCIM: an Entra ID first cycle, ${shape.users} users and ${shape.groups} groups, ${shape.concurrency} requests at once`,
  );
  const cycle = await entraFirstCycle(stack, admin, shape);
  const posts = cycle.requests['POST /Users'];
  const failed = Object.values(cycle.unexpected).reduce((sum, n) => sum + n, 0);
  const cpuTotal = Object.values(cycle.cpuSeconds).reduce((sum, s) => sum + s, 0);
  const perUser = (s: number) => ((s * 1000) / shape.users).toFixed(1);
  const others = Object.entries(cycle.requests)
    .filter(([kind]) => kind !== 'POST /Users')
    .map(([kind, p]) => `${kind} ${p.p50} / ${p.p95} (${p.count})`)
    .join('; ');
  figures.push(
    {
      figure: `SCIM POST /Users in an Entra ID first cycle (${shape.concurrency} at once, no password): p50 / p95 / p99`,
      value: `${posts.p50} / ${posts.p95} / ${posts.p99} ms (${posts.count} POSTs)`,
      goal: 'p95 ≤ 50 ms',
      met: posts.p95 <= 50,
    },
    {
      figure: `SCIM: the whole first cycle (${shape.users} users, ${shape.groups} groups and their members)`,
      value: `${seconds(cycle.wallMs)} (users ${seconds(cycle.usersMs)}, groups ${seconds(cycle.groupsMs)}); ${cycle.techniciansInSubtree} technicians, ${cycle.techniciansInSubGroups} in the groups; ${failed} unexpected answers`,
      goal: '≤ 180 s',
      met: cycle.wallMs <= 180_000 && failed === 0 && cycle.techniciansInSubGroups === shape.users,
    },
    {
      figure: "SCIM: the cycle's other requests, p50 / p95 ms (count)",
      value: others,
      goal: '',
    },
    {
      figure: 'SCIM: CPU time of the cycle per user, by process',
      value: `${perUser(cpuTotal)} ms in all: ${Object.entries(cycle.cpuSeconds)
        .sort(([, a], [, b]) => b - a)
        .map(([name, s]) => `${name} ${perUser(s)}`)
        .join(', ')}`,
      goal: '',
    },
  );

  step(`SCIM: userName eq lookups among ${LARGE.technicians} technicians`);
  const top = await underOneTop(stack, large.organizationId);
  const lookups = await userNameLookups(stack, large.token, top, LARGE.technicians);
  const p = lookups.latency;
  figures.push({
    figure: `SCIM GET /Users?filter=userName eq "…", ${lookups.techniciansInScope} technicians in the token's subtree: p50 / p95`,
    value: `${p.p50} / ${p.p95} ms (${p.count} lookups, ${lookups.found} found); CPU ms per lookup: ${Object.entries(
      lookups.cpuMsPerLookup,
    )
      .filter(([, ms]) => ms > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ')}`,
    goal: 'p95 ≤ 20 ms',
    met: p.p95 <= 20,
  });
  return { cycle, lookups };
}
