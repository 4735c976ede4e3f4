import { queryDatabase } from '../support/databases';
import { createAdministrator, createGroup, signInChangingPassword } from '../support/fixtures';
import { Stack } from '../support/stack';

const API = '/api/v1';
/** Rounds of each race: enough for the interleavings to come out differently many times. */
const ROUNDS = 50;

/**
 * Checks that read other rows under concurrency: the last Master Administrator, and the
 * paths of the Organization Tree behind every scope decision. Each race runs ROUNDS times
 * through the gateway; the invariant is checked after every round.
 */
describe('Races at the seams of the Organization Tree and its administrators', () => {
  let stack: Stack;
  let master: string;

  beforeAll(async () => {
    stack = await Stack.start('races');
    master = await stack.adminToken();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const patch = (id: string, body: object, token: string) =>
    stack.api.request('PATCH', `${API}/administrators/${id}`, { body, token });

  async function enabledMasters(organizationId: string): Promise<string[]> {
    const rows = await queryDatabase<{ id: string }>(
      stack.env.databases.org,
      `SELECT id FROM accounts WHERE organization_id = $1 AND role = 'master_admin'
          AND enabled AND state = 'active' ORDER BY id`,
      [organizationId],
    );
    return rows.map((row) => row.id);
  }

  it(`two Master Administrators removing each other at once always leave one (${ROUNDS} rounds)`, async () => {
    const me = (await stack.api.get(`${API}/me`, master)).body as {
      id: string;
      organizationId: string;
    };
    const other = await createAdministrator(stack.api, master, { role: 'master_admin' });
    const otherToken = await signInChangingPassword(stack.api, other.email, other.password);
    const removals = [{ role: 'admin' }, { enabled: false }];
    const outcomes = new Map<string, number>();

    for (let round = 0; round < ROUNDS; round++) {
      const [first, second] = await Promise.all([
        patch(other.id, removals[round % 2], master),
        patch(me.id, removals[Math.floor(round / 2) % 2], otherToken),
      ]);
      const statuses = [first.status, second.status];
      outcomes.set(statuses.join('/'), (outcomes.get(statuses.join('/')) ?? 0) + 1);

      const left = await enabledMasters(me.organizationId);
      expect(left).toHaveLength(1);
      // One change won; the other was refused (its actor was no longer a master, or is
      // disabled, or it would have removed the last one), never answered 200.
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => [401, 403, 409].includes(status))).toHaveLength(1);

      // The one left makes the other a Master Administrator again.
      const [winner, loser] = left[0] === me.id ? [master, other.id] : [otherToken, me.id];
      const restored = await patch(loser, { role: 'master_admin', enabled: true }, winner);
      expect(restored.status).toBe(200);
    }
    // Both orders came out (the race is real, not serialised by the test).
    expect([...outcomes.keys()].length).toBeGreaterThan(1);
  });

  it(`a group moved while a sub-group is created under its subtree keeps every path and scope right (${ROUNDS} rounds)`, async () => {
    const left = await createGroup(stack.api, master, { name: 'Left' });
    const right = await createGroup(stack.api, master, { name: 'Right' });
    const moving = await createGroup(stack.api, master, { name: 'Moving', parentId: left.id });
    const deep = await createGroup(stack.api, master, { name: 'Deep', parentId: moving.id });
    const leftAdmin = await createAdministrator(stack.api, master, { groupIds: [left.id] });
    const rightAdmin = await createAdministrator(stack.api, master, { groupIds: [right.id] });
    const leftToken = await signInChangingPassword(stack.api, leftAdmin.email, leftAdmin.password);
    const rightToken = await signInChangingPassword(
      stack.api,
      rightAdmin.email,
      rightAdmin.password,
    );

    for (let round = 0; round < ROUNDS; round++) {
      const to = round % 2 === 0 ? right : left;
      const [moved, created] = await Promise.all([
        stack.api.request('PATCH', `${API}/groups/${moving.id}`, {
          body: { parentId: to.id },
          token: master,
        }),
        stack.api.post(`${API}/groups`, { name: `Child ${round}`, parentId: deep.id }, master),
      ]);
      expect(moved.status).toBe(200);
      expect(created.status).toBe(201);

      // Every group's path is its parent's path and its own id.
      const wrong = await queryDatabase(
        stack.env.databases.org,
        `SELECT g.id, g.path FROM groups g LEFT JOIN groups p ON p.id = g.parent_id
          WHERE g.path <> COALESCE(p.path, '/') || g.id || '/'`,
      );
      expect(wrong).toEqual([]);
      // The new group is reached by the administrator of the side it is on, and only by them.
      const [byNewSide, byOldSide] =
        to === right ? [rightToken, leftToken] : [leftToken, rightToken];
      expect((await stack.api.get(`${API}/groups/${created.body.id}`, byNewSide)).status).toBe(200);
      expect((await stack.api.get(`${API}/groups/${created.body.id}`, byOldSide)).status).toBe(403);
    }
  });
});
