import {
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../test/support/fixtures';
import { createOrganization } from '../test/support/organizations';
import type { Stack } from '../test/support/stack';
import { infrastructurePids, timed } from './measure';

/* What the benchmark does to a running stack beside imports: a second organization, REST creates and reads. */

/** A second organization (npm run org:create) with a group, signed in. */
export async function secondOrganization(
  stack: Stack,
): Promise<{ token: string; groupId: string }> {
  const email = uniqueEmail('bench-second');
  await createOrganization(stack, `Second ${email}`, email, GOOD_PASSWORD);
  const token = await signInChangingPassword(stack.api, email, GOOD_PASSWORD);
  return { token, groupId: (await createGroup(stack.api, token)).id };
}

/** `count` technicians created one after the other through the REST API; their latencies. */
export async function restCreates(
  stack: Stack,
  token: string,
  groupId: string,
  count: number,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++)
    latencies.push((await timed(() => createTechnician(stack.api, token, groupId))).ms);
  return latencies;
}

/** The pid of each service process of the stack. */
export function servicePids(stack: Stack): Record<string, number> {
  return Object.fromEntries(
    Object.entries(stack.services).map(([name, service]) => [name, service.pid!]),
  );
}

/** `count` GETs, one after the other, rotating over `paths`, after a few unmeasured ones. */
export async function readLatencies(
  stack: Stack,
  token: string,
  paths: string[],
  count: number,
): Promise<number[]> {
  for (const p of paths) await stack.api.get(p, token);
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const { ms, result } = await timed(() => stack.api.get(paths[i % paths.length], token));
    if (result.status !== 200)
      throw new Error(`GET ${paths[i % paths.length]} answered ${result.status}`);
    latencies.push(ms);
  }
  return latencies;
}

/** The services, the infrastructure and the bench: the processes whose CPU time is counted. */
export function processesOf(stack: Stack): Record<string, number[]> {
  return {
    ...Object.fromEntries(Object.entries(servicePids(stack)).map(([name, pid]) => [name, [pid]])),
    ...infrastructurePids(),
    bench: [process.pid],
  };
}
