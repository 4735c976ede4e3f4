import { isDeepStrictEqual } from 'node:util';
import { createGroup } from '../support/fixtures';
import {
  accepted,
  API,
  brokenFields,
  differences,
  Expected,
  Findings,
  HOSTILE,
  inLanes,
  LANES,
  ok,
  refusalOf,
} from '../support/hostile-answers';
import { HostileRest } from '../support/hostile-rest';
import type { Stack } from '../support/stack';

/**
 * Hostile input through the REST API (issue 6): the fields of a group (name, description), for
 * every hostile string (test/support/hostile-rest.ts says what each answer must be).
 *
 * Fields checked together share one request per string, and go again alone where the string
 * suits them (test/support/hostile-answers.ts).
 */
describe('Hostile strings through the group fields of the REST API', () => {
  const hostile = HostileRest.use('hostilerestgroup', 'groups');
  const { call, groupCount } = hostile;
  let stack: Stack, token: string;
  beforeAll(() => ({ stack, token } = hostile));

  /** Every group of the tree, by id. */
  async function allGroups(findings: Findings): Promise<Map<string, any>> {
    const found = new Map<string, any>();
    const tree = await call(findings, 'the tree', 'GET', `${API}/groups`, {
      expected: accepted(200),
    });
    const visit = (nodes: any[]) =>
      nodes.forEach(({ children, ...group }) => {
        found.set(group.id, group);
        visit(children);
      });
    visit(tree?.body?.groups ?? []);
    return found;
  }

  describe('POST /groups', () => {
    it('creates a group with a hostile name and description exactly as sent, or refuses naming each broken field, creating nothing', async () => {
      const before = await groupCount();
      const findings = new Findings();
      const created = new Map<string, { label: string; name: string; description: string }>();
      await inLanes(HOSTILE, async ({ value, label }) => {
        const broken = brokenFields(['name', 'description'], value);
        const response = await call(findings, label, 'POST', `${API}/groups`, {
          body: { name: value, description: value },
          expected: refusalOf(broken) ?? accepted(201),
        });
        if (!response) return;
        if (ok(response)) {
          created.set(response.body.id, { label, name: value.trim(), description: value });
          return;
        }
        // What the string satisfies goes again alone, next to a plain value for the rest.
        const name = broken.name.length === 0;
        const description = broken.description.length === 0;
        if (!name && !description) return;
        const body = {
          name: name ? value : 'Hostile group',
          description: description ? value : 'A plain description',
        };
        const again = await call(findings, label, 'POST', `${API}/groups`, {
          body,
          expected: accepted(201),
        });
        if (again && ok(again))
          created.set(again.body.id, {
            label,
            name: body.name.trim(),
            description: body.description,
          });
      });
      expect(await groupCount()).toBe(before + created.size);
      const tree = await allGroups(findings);
      for (const [id, { label, name, description }] of created) {
        const group = tree.get(id);
        if (group?.name !== name || group?.description !== description)
          findings.add(label, `stored ${JSON.stringify(group && [group.name, group.description])}`);
      }
      await inLanes([...created.keys()], async (id) => {
        await call(findings, created.get(id)!.label, 'DELETE', `${API}/groups/${id}`, {
          expected: accepted(204),
        });
      });
      findings.expectNone();
      expect(created.size).toBeGreaterThan(0);
      expect(await groupCount()).toBe(before);
    });
  });

  describe('PATCH /groups/:id', () => {
    it('changes a group to a hostile name and description exactly as sent, or refuses naming each broken field, changing nothing', async () => {
      const groups = await Promise.all(
        Array.from({ length: LANES }, () => createGroup(stack.api, token)),
      );
      const findings = new Findings();
      /** PATCHes the lane's group; the answer is the group as stored, or it must be unchanged. */
      const patch = async (
        label: string,
        lane: number,
        changes: { name?: string; description?: string },
        expected: Expected,
      ) => {
        const before = groups[lane];
        const response = await call(findings, label, 'PATCH', `${API}/groups/${before.id}`, {
          body: changes,
          expected,
        });
        if (!response) return undefined;
        let after: any;
        if (ok(response)) {
          after = response.body;
          const wanted = {
            ...before,
            ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
            ...(changes.description !== undefined ? { description: changes.description } : {}),
          };
          if (!isDeepStrictEqual(after, wanted))
            findings.add(label, `stored, expected ${differences(after, wanted)}`);
        } else {
          after = (await call(findings, label, 'GET', `${API}/groups/${before.id}`))?.body;
          if (!isDeepStrictEqual(after, before))
            findings.add(label, `refused but changed ${differences(before, after)}`);
        }
        groups[lane] = after ?? before;
        return response;
      };
      await inLanes(HOSTILE, async ({ value, label }, lane) => {
        const broken = brokenFields(['name', 'description'], value);
        const response = await patch(
          label,
          lane,
          { name: value, description: value },
          refusalOf(broken) ?? accepted(200),
        );
        if (!response || ok(response)) return;
        const alone = Object.fromEntries(
          (['name', 'description'] as const)
            .filter((field) => broken[field].length === 0)
            .map((field) => [field, value]),
        );
        if (Object.keys(alone).length > 0) await patch(label, lane, alone, accepted(200));
      });
      // Each group as last answered is the group as stored.
      for (const group of groups) {
        const read = await call(findings, 'read back', 'GET', `${API}/groups/${group.id}`);
        if (!isDeepStrictEqual(read?.body, group))
          findings.add(group.id, `reads ${differences(group, read?.body)}`);
      }
      findings.expectNone();
    });
  });
});
