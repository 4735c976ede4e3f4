import { API, authorizationWorld, flatten } from '../support/authorization-world';
import { GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';

/**
 * Tenancy in the REST API (spec §1 and §3): another organization's Master Administrator
 * learns nothing of the first one, whatever it names. The organizations are those of
 * test/support/authorization-world.ts.
 */

describe('Authorization of the REST API across organizations', () => {
  const world = authorizationWorld('authztenancy');

  describe("another organization's Master Administrator gets 404, never 403", () => {
    type Target = { label: string; id: () => string };
    const groups: Target[] = [
      { label: 'group A', id: () => world.groupA.id },
      { label: 'the sub-group of A', id: () => world.childOfA.id },
      { label: 'group B', id: () => world.groupB.id },
    ];
    const technicians: Target[] = [
      { label: 'the technician in A', id: () => world.techInA.id },
      { label: 'the technician in the sub-group of A', id: () => world.techInChild.id },
      { label: 'the technician in B', id: () => world.techInB.id },
      { label: 'the signed-in technician', id: () => world.technicianActor.id },
    ];
    const administrators: Target[] = [
      { label: 'the bootstrap Master Administrator', id: () => world.masterId },
      { label: 'the Administrator of A', id: () => world.adminOfA.id },
      { label: 'the Administrator of B', id: () => world.adminOfB.id },
    ];

    /** One request naming a target of the first organization (in its path or its body). */
    interface Probe {
      name: string;
      method: string;
      route: (id: string) => string;
      body?: (id: string) => unknown;
    }
    const groupProbes: Probe[] = [
      { name: 'GET /groups/:id', method: 'GET', route: (id) => `/groups/${id}` },
      {
        name: 'PATCH /groups/:id',
        method: 'PATCH',
        route: (id) => `/groups/${id}`,
        body: () => ({ description: 'taken' }),
      },
      { name: 'DELETE /groups/:id', method: 'DELETE', route: (id) => `/groups/${id}` },
      {
        name: 'GET /groups/:id/children',
        method: 'GET',
        route: (id) => `/groups/${id}/children`,
      },
      {
        name: 'GET /groups/:id/technicians',
        method: 'GET',
        route: (id) => `/groups/${id}/technicians`,
      },
      {
        name: 'POST /groups/:id/technicians',
        method: 'POST',
        route: (id) => `/groups/${id}/technicians`,
        body: () => ({ name: 'Intruder', email: uniqueEmail('intruder'), password: GOOD_PASSWORD }),
      },
      {
        name: 'GET /technicians?groupId=:id',
        method: 'GET',
        route: (id) => `/technicians?groupId=${id}`,
      },
      {
        name: 'POST /groups with parentId :id',
        method: 'POST',
        route: () => '/groups',
        body: (id) => ({ name: 'Intruder group', parentId: id }),
      },
      {
        name: 'PATCH of its own group with parentId :id',
        method: 'PATCH',
        route: () => `/groups/${world.otherGroup.id}`,
        body: (id) => ({ parentId: id }),
      },
      {
        name: 'POST /technicians/:own/move of its own technician into :id',
        method: 'POST',
        route: () => `/technicians/${world.otherTechnician.id}/move`,
        body: (id) => ({ groupId: id }),
      },
    ];
    const technicianProbes: Probe[] = [
      { name: 'GET /technicians/:id', method: 'GET', route: (id) => `/technicians/${id}` },
      {
        name: 'PATCH /technicians/:id',
        method: 'PATCH',
        route: (id) => `/technicians/${id}`,
        body: () => ({ description: 'taken' }),
      },
      { name: 'DELETE /technicians/:id', method: 'DELETE', route: (id) => `/technicians/${id}` },
      {
        name: 'POST /technicians/:id/move into its own group',
        method: 'POST',
        route: (id) => `/technicians/${id}/move`,
        body: () => ({ groupId: world.otherGroup.id }),
      },
      {
        name: 'POST /technicians/:id/password',
        method: 'POST',
        route: (id) => `/technicians/${id}/password`,
        body: () => ({ password: 'Intruder-Pass-93' }),
      },
    ];
    const administratorProbe: Probe = {
      name: 'PATCH /administrators/:id',
      method: 'PATCH',
      route: (id) => `/administrators/${id}`,
      body: () => ({ name: 'Taken over' }),
    };

    const sweep = [
      ...groups.flatMap((target) =>
        groupProbes.map((probe) => ({ target, probe, code: 'GROUP_NOT_FOUND' })),
      ),
      ...technicians.flatMap((target) =>
        technicianProbes.map((probe) => ({ target, probe, code: 'TECHNICIAN_NOT_FOUND' })),
      ),
      ...administrators.map((target) => ({
        target,
        probe: administratorProbe,
        code: 'ADMINISTRATOR_NOT_FOUND',
      })),
    ].map(({ target, probe, code }) => ({
      request: `${probe.name} (:id = ${target.label})`,
      target,
      probe,
      code,
    }));

    it.each(sweep)('$request answers 404 $code', async ({ target, probe, code }) => {
      const response = await world.stack.api.request(
        probe.method,
        `${API}${probe.route(target.id())}`,
        {
          body: probe.body?.(target.id()),
          token: world.tokens.otherOrgMaster,
        },
      );

      expect({ status: response.status, code: response.body?.code }).toEqual({ status: 404, code });
    });

    it('left every group, technician and administrator of the first organization as it was', async () => {
      for (const group of [world.groupA, world.childOfA, world.groupB]) {
        const after = await world.masterGet(`/groups/${group.id}`);
        expect(after.status).toBe(200);
        expect(after.body).toMatchObject({
          name: group.name,
          description: group.description,
          parentId: group.parentId,
        });
      }
      for (const technician of [
        world.techInA,
        world.techInChild,
        world.techInB,
        world.technicianActor,
      ]) {
        const after = await world.masterGet(`/technicians/${technician.id}`);
        expect(after.status).toBe(200);
        expect(after.body).toMatchObject({
          groupId: technician.groupId,
          description: technician.description,
        });
      }
      // The signed-in technician changed its password: a reset would force another change.
      expect(
        (await world.masterGet(`/technicians/${world.technicianActor.id}`)).body.mustChangePassword,
      ).toBe(false);
      const list = (await world.masterGet('/administrators?limit=200')).body.items;
      for (const admin of [world.adminOfA, world.adminOfB]) {
        expect(list.find((a: any) => a.id === admin.id)).toMatchObject({ name: admin.name });
      }
      expect(list.find((a: any) => a.id === world.masterId)).toMatchObject({
        role: 'master_admin',
      });
    });

    it('sees none of the first organization in its tree, its technicians or its administrators', async () => {
      const tree = await world.stack.api.get(`${API}/groups`, world.tokens.otherOrgMaster);
      const technicianList = await world.stack.api.get(
        `${API}/technicians?limit=200`,
        world.tokens.otherOrgMaster,
      );
      const adminList = await world.stack.api.get(
        `${API}/administrators?limit=200`,
        world.tokens.otherOrgMaster,
      );

      expect(flatten(tree.body.groups).map((g) => g.id)).toEqual(
        expect.not.arrayContaining([world.groupA.id, world.childOfA.id, world.groupB.id]),
      );
      expect(flatten(tree.body.groups).map((g) => g.id)).toContain(world.otherGroup.id);
      expect(technicianList.body.items.map((t: any) => t.id)).toEqual(
        expect.not.arrayContaining([
          world.techInA.id,
          world.techInChild.id,
          world.techInB.id,
          world.technicianActor.id,
        ]),
      );
      expect(adminList.body.items.map((a: any) => a.id)).toEqual([world.otherOrg.administratorId]);
    });
  });
});
