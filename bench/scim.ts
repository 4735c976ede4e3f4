import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '../test/support/api-client';
import { queryDatabase } from '../test/support/databases';
import { createGroup } from '../test/support/fixtures';
import { SCIM } from '../test/support/scim';
import type { Stack } from '../test/support/stack';
import { cpuTimeOf, inParallel, Percentiles, percentiles, timed } from './measure';
import { processesOf } from './stack-work';

/*
 * SCIM 2.0 as Microsoft Entra ID drives it: a first provisioning cycle, and Entra's
 * `userName eq` lookup in a large organization. docs/BENCHMARKS.md says why these numbers.
 */

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const AD_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

/** The shape of the cycle; the environment may scale it (a smoke run, another concurrency). */
export const ENTRA_CYCLE = {
  users: Number(process.env.BENCH_SCIM_USERS ?? 10_000),
  groups: Number(process.env.BENCH_SCIM_GROUPS ?? 100),
  // Microsoft documents no concurrency for its SCIM client: a handful at once is what it
  // takes to reach the 3-minute goal at 50 ms a request (docs/BENCHMARKS.md).
  concurrency: Number(process.env.BENCH_SCIM_CONCURRENCY ?? 5),
  // Undocumented too; 100 is the common ceiling of SCIM services that clients batch to.
  membersPerPatch: 100,
};

type Call = (method: string, path: string, body?: unknown) => Promise<ApiResponse>;

/** A SCIM token of `groupId`, made over REST by a Master Administrator, and a client using it. */
export async function scimTokenFor(api: ApiClient, admin: string, groupId: string): Promise<Call> {
  const made = await api.post('/api/v1/scim/tokens', { name: 'Entra ID', groupId }, admin);
  if (made.status !== 201)
    throw new Error(`POST /scim/tokens answered ${made.status}: ${made.text}`);
  const token = made.body.token as string;
  return (method, path, body) =>
    api.request(method, `/scim/v2${path}`, {
      body,
      token,
      headers: { 'content-type': 'application/scim+json' },
    });
}

/** Latencies by kind of request, and the answers that were not the ones Entra expects. */
class Tally {
  readonly latencies: Record<string, number[]> = {};
  readonly unexpected: Record<string, number> = {};
  readonly examples: string[] = [];

  async time(kind: string, expected: number, request: () => Promise<ApiResponse>) {
    const { ms, result } = await timed(request);
    (this.latencies[kind] ??= []).push(ms);
    if (result.status !== expected) {
      const key = `${kind} ${result.status}`;
      this.unexpected[key] = (this.unexpected[key] ?? 0) + 1;
      if (this.examples.length < 5) this.examples.push(`${key}: ${result.text.slice(0, 300)}`);
    }
    return result;
  }

  summary(): Record<string, Percentiles> {
    return Object.fromEntries(
      Object.entries(this.latencies).map(([kind, samples]) => [kind, percentiles(samples)]),
    );
  }
}

export interface EntraCycleResult {
  shape: typeof ENTRA_CYCLE;
  wallMs: number;
  usersMs: number;
  groupsMs: number;
  requests: Record<string, Percentiles>;
  unexpected: Record<string, number>;
  examples: string[];
  /** Technicians in the token's subtree after the cycle, and of them in its sub-groups. */
  techniciansInSubtree: number;
  techniciansInSubGroups: number;
  cpuSeconds: Record<string, number>;
}

/**
 * Entra ID's first cycle into a fresh group of the admin's organization: for each user a
 * `userName eq` lookup (empty) and a POST of the User as Entra sends it (no password); then
 * for each group a `displayName eq` lookup, a POST without members and PATCHes adding them.
 * User i goes to group i mod groups (a technician is in one group).
 */
export async function entraFirstCycle(
  stack: Stack,
  admin: string,
  shape = ENTRA_CYCLE,
): Promise<EntraCycleResult> {
  const home = await createGroup(stack.api, admin, { name: `Entra ID ${randomUUID()}` });
  const call = await scimTokenFor(stack.api, admin, home.id);
  const run = randomUUID().slice(0, 8); // userNames are unique across organizations
  const tally = new Tally();
  const memberIds: string[][] = Array.from({ length: shape.groups }, () => []);

  const { result: phases, cpuSeconds } = await cpuTimeOf(processesOf(stack), async () => {
    const users = await timed(() =>
      inParallel(range(shape.users), shape.concurrency, async (i) => {
        const userName = `entra.${i}.${run}@contoso.example.com`;
        const filter = encodeURIComponent(`userName eq "${userName}"`);
        const found = await tally.time('GET /Users?filter', 200, () =>
          call('GET', `/Users?filter=${filter}`),
        );
        if (found.body?.totalResults !== 0) return;
        const made = await tally.time('POST /Users', 201, () =>
          call('POST', '/Users', entraUser(i, userName)),
        );
        if (made.status === 201) memberIds[i % shape.groups].push(made.body.id as string);
      }),
    );
    const groups = await timed(() =>
      inParallel(range(shape.groups), shape.concurrency, async (g) => {
        const displayName = `Entra Group ${g}`;
        const filter = encodeURIComponent(`displayName eq "${displayName}"`);
        await tally.time('GET /Groups?filter', 200, () =>
          call('GET', `/Groups?filter=${filter}&excludedAttributes=members`),
        );
        const made = await tally.time('POST /Groups', 201, () =>
          call('POST', '/Groups', {
            schemas: [SCIM.GROUP, AD_GROUP],
            externalId: randomUUID(),
            displayName,
            meta: { resourceType: 'Group' },
          }),
        );
        if (made.status !== 201) return;
        for (let at = 0; at < memberIds[g].length; at += shape.membersPerPatch) {
          const value = memberIds[g]
            .slice(at, at + shape.membersPerPatch)
            .map((id) => ({ value: id }));
          await tally.time('PATCH /Groups (add members)', 200, () =>
            call('PATCH', `/Groups/${made.body.id}`, {
              schemas: [SCIM.PATCH],
              Operations: [{ op: 'Add', path: 'members', value }],
            }),
          );
        }
      }),
    );
    return { usersMs: users.ms, groupsMs: groups.ms };
  });

  const [placed] = await queryDatabase<{ subtree: string; below: string }>(
    stack.env.databases.org,
    `SELECT count(*) AS subtree, count(*) FILTER (WHERE g.id <> $1) AS below
       FROM technicians t JOIN groups g ON g.id = t.group_id
      WHERE g.path LIKE (SELECT path FROM groups WHERE id = $1) || '%'`,
    [home.id],
  );
  return {
    shape,
    wallMs: phases.usersMs + phases.groupsMs,
    ...phases,
    requests: tally.summary(),
    unexpected: tally.unexpected,
    examples: tally.examples,
    techniciansInSubtree: Number(placed.subtree),
    techniciansInSubGroups: Number(placed.below),
    cpuSeconds,
  };
}

/** A User as Entra ID's provisioning service POSTs it (Microsoft's SCIM tutorial): no password. */
function entraUser(i: number, userName: string) {
  return {
    schemas: [SCIM.USER, ENTERPRISE],
    externalId: `entra-${i}`,
    userName,
    active: true,
    displayName: `Entra User ${i}`,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: `Entra User ${i}`, familyName: `User ${i}`, givenName: 'Entra' },
    roles: [],
  };
}

export interface UserNameLookups {
  techniciansInScope: number;
  found: number;
  latency: Percentiles;
  /** CPU milliseconds per lookup, by process: where a lookup's time goes. */
  cpuMsPerLookup: Record<string, number>;
}

/**
 * `count` lookups of `userName eq "large.N@large.example.com"` (the seed's technicians; a
 * fifth of the N beyond the seed, so absent), one after the other, with a token of `groupId`.
 */
export async function userNameLookups(
  stack: Stack,
  admin: string,
  groupId: string,
  technicianCount: number,
  count = 200,
): Promise<UserNameLookups> {
  const call = await scimTokenFor(stack.api, admin, groupId);
  const [{ inScope }] = await queryDatabase<{ inScope: string }>(
    stack.env.databases.org,
    `SELECT count(*) AS "inScope" FROM technicians t JOIN groups g ON g.id = t.group_id
      WHERE g.path LIKE (SELECT path FROM groups WHERE id = $1) || '%'`,
    [groupId],
  );
  const path = (n: number) =>
    `/Users?filter=${encodeURIComponent(`userName eq "large.${n}@large.example.com"`)}`;
  for (let i = 0; i < 5; i++) await call('GET', path(i + 1)); // warm-up, unmeasured
  const latencies: number[] = [];
  let found = 0;
  const { cpuSeconds } = await cpuTimeOf(processesOf(stack), async () => {
    for (let i = 0; i < count; i++) {
      // Spread over the whole seed (a prime stride), every fifth beyond it.
      const n = i % 5 === 4 ? technicianCount + 1 + i : 1 + ((i * 7919) % technicianCount);
      const { ms, result } = await timed(() => call('GET', path(n)));
      if (result.status !== 200)
        throw new Error(`GET ${path(n)} answered ${result.status}: ${result.text}`);
      found += result.body.totalResults as number;
      latencies.push(ms);
    }
  });
  const cpuMsPerLookup = Object.fromEntries(
    Object.entries(cpuSeconds).map(([name, s]) => [name, Math.round((s * 10_000) / count) / 10]),
  );
  return {
    techniciansInScope: Number(inScope),
    found,
    latency: percentiles(latencies),
    cpuMsPerLookup,
  };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
