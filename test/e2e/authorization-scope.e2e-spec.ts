import { API, authorizationWorld, flatten } from '../support/authorization-world';

/**
 * Scope rules of the REST API within the organization (spec §1 and §3): an Administrator
 * moves technicians and groups only between groups of its scope, and its lists show its
 * subtree only. The organizations are those of test/support/authorization-world.ts.
 */

describe('Authorization of the REST API within an organization', () => {
  const world = authorizationWorld('authzscope');

  describe('moving a technician needs scope over both groups', () => {
    it('refuses the Administrator of A moving a technician of A into B with 403 FORBIDDEN_GROUP, and the technician stays in A', async () => {
      const target = await world.freshTechnicianInA();

      const response = await world.stack.api.post(
        `${API}/technicians/${target.id}/move`,
        { groupId: world.groupB.id },
        world.tokens.adminInScope,
      );

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN_GROUP');
      expect((await world.masterGet(`/technicians/${target.id}`)).body.groupId).toBe(
        world.groupA.id,
      );
    });

    it('refuses the Administrator of B taking a technician of A into B with 403 FORBIDDEN_GROUP', async () => {
      const target = await world.freshTechnicianInA();

      const response = await world.stack.api.post(
        `${API}/technicians/${target.id}/move`,
        { groupId: world.groupB.id },
        world.tokens.adminOutOfScope,
      );

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN_GROUP');
      expect((await world.masterGet(`/technicians/${target.id}`)).body.groupId).toBe(
        world.groupA.id,
      );
    });

    it("lets an Administrator of both A and B move it, and the technician takes B's permissions", async () => {
      const target = await world.freshTechnicianInA();

      const response = await world.stack.api.post(
        `${API}/technicians/${target.id}/move`,
        { groupId: world.groupB.id },
        world.adminOfAAndB.token,
      );

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        groupId: world.groupB.id,
        permissions: ['RemoteView'],
      });
    });

    it('refuses the Administrator of A moving a group of its subtree under B with 403 FORBIDDEN_GROUP', async () => {
      const target = await world.freshGroupInA();

      const response = await world.stack.api.request('PATCH', `${API}/groups/${target.id}`, {
        body: { parentId: world.groupB.id },
        token: world.tokens.adminInScope,
      });

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN_GROUP');
      expect((await world.masterGet(`/groups/${target.id}`)).body.parentId).toBe(world.groupA.id);
    });
  });

  describe('lists show an Administrator its subtree only', () => {
    it("gives the Administrator of A the tree rooted at A, with A's sub-group and without B", async () => {
      const response = await world.stack.api.get(`${API}/groups`, world.tokens.adminInScope);

      expect(response.status).toBe(200);
      expect(response.body.groups.map((g: any) => g.id)).toEqual([world.groupA.id]);
      const ids = flatten(response.body.groups).map((g) => g.id);
      expect(ids).toContain(world.childOfA.id);
      expect(ids).not.toContain(world.groupB.id);
    });

    it('gives the Administrator of B the tree rooted at B, without A or its sub-group', async () => {
      const response = await world.stack.api.get(`${API}/groups`, world.tokens.adminOutOfScope);

      expect(response.status).toBe(200);
      expect(response.body.groups.map((g: any) => g.id)).toEqual([world.groupB.id]);
      expect(flatten(response.body.groups).map((g) => g.id)).toEqual(
        expect.not.arrayContaining([world.groupA.id, world.childOfA.id]),
      );
    });

    it('lists for the Administrator of A the technicians of A and below, none of B', async () => {
      const [response, tree] = await Promise.all([
        world.stack.api.get(`${API}/technicians?limit=200`, world.tokens.adminInScope),
        world.stack.api.get(`${API}/groups`, world.tokens.adminInScope),
      ]);

      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      const ids = response.body.items.map((t: any) => t.id);
      expect(ids).toEqual(
        expect.arrayContaining([world.techInA.id, world.techInChild.id, world.technicianActor.id]),
      );
      expect(ids).not.toContain(world.techInB.id);
      const visibleGroups = new Set(flatten(tree.body.groups).map((g) => g.id));
      for (const technician of response.body.items) {
        expect(visibleGroups.has(technician.groupId)).toBe(true);
      }
    });

    it('lists for the Administrator of B none of the technicians of A', async () => {
      const response = await world.stack.api.get(
        `${API}/technicians?limit=200`,
        world.tokens.adminOutOfScope,
      );

      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      const ids = response.body.items.map((t: any) => t.id);
      expect(ids).toContain(world.techInB.id);
      expect(ids).toEqual(
        expect.not.arrayContaining([
          world.techInA.id,
          world.techInChild.id,
          world.technicianActor.id,
        ]),
      );
    });

    it('refuses the Administrator of B a list filtered on group A with 403 FORBIDDEN_GROUP', async () => {
      const response = await world.stack.api.get(
        `${API}/technicians?groupId=${world.groupA.id}`,
        world.tokens.adminOutOfScope,
      );

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN_GROUP');
    });

    it("gives the Administrator of A the list of its sub-group's technicians", async () => {
      const response = await world.stack.api.get(
        `${API}/technicians?groupId=${world.childOfA.id}`,
        world.tokens.adminInScope,
      );

      expect(response.status).toBe(200);
      expect(response.body.items.map((t: any) => t.id)).toContain(world.techInChild.id);
    });
  });
});
