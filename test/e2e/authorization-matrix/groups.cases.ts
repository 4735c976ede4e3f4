import {
  anyAdministrator,
  type EndpointRow,
  inScope,
  itAnswersEveryCell,
} from '../../support/authorization-matrix';
import {
  API,
  type AuthorizationWorld,
  flatten,
  itHasEveryCaller,
  uniqueName,
} from '../../support/authorization-world';
import { GOOD_PASSWORD, uniqueEmail } from '../../support/fixtures';
import { sharedSession } from '../../support/shared-session';

/**
 * The authorization matrix of the REST API (spec §1 and §3), its group endpoints: each called
 * by each kind of caller answers the status (and problem code) the contract says. The callers
 * are in test/support/authorization-world.ts, the harness in
 * test/support/authorization-matrix.ts; the other endpoints are in accounts.cases.ts.
 */

describe('Authorization matrix of the REST API: permissions and groups', () => {
  const world = sharedSession<AuthorizationWorld>();

  itHasEveryCaller(world);

  // ---------------------------------------------------------------------------------------
  // The matrix: one row per endpoint, one test per (endpoint, caller) cell.
  // ---------------------------------------------------------------------------------------

  const rows: EndpointRow[] = [
    {
      endpoint: 'GET /permissions',
      expected: anyAdministrator(),
      call: async (token) => {
        const response = await world.stack.api.get(`${API}/permissions`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed) expect(response.body).toEqual(expect.arrayContaining(['RemoteControl']));
          },
        };
      },
    },
    {
      endpoint: 'GET /groups',
      expected: anyAdministrator(),
      call: async (token) => ({ response: await world.stack.api.get(`${API}/groups`, token) }),
    },
    {
      endpoint: 'GET /groups/roots',
      expected: anyAdministrator(),
      call: async (token) => {
        const response = await world.stack.api.get(`${API}/groups/roots?limit=200`, token);
        return {
          response,
          check: async (allowed) => {
            if (!allowed) return;
            // The top of the same caller's tree: an Administrator's own groups, a master's top level.
            const tree = (await world.stack.api.get(`${API}/groups`, token)).body.groups;
            expect(response.body.items.map((g: { id: string }) => g.id)).toEqual(
              tree.map((g: { id: string }) => g.id),
            );
          },
        };
      },
    },
    {
      endpoint: 'GET /groups/search',
      expected: anyAdministrator(),
      call: async (token) => {
        const response = await world.stack.api.get(`${API}/groups/search?q=&limit=200`, token);
        return {
          response,
          check: async (allowed) => {
            if (!allowed) return;
            // Exactly the groups of the same caller's tree: its scope, nothing above it.
            const tree = flatten((await world.stack.api.get(`${API}/groups`, token)).body.groups);
            const ids = (items: { id: string }[]) => items.map((g) => g.id).sort();
            expect(ids(response.body.items)).toEqual(ids(tree));
          },
        };
      },
    },
    {
      endpoint: 'POST /groups under group A',
      expected: inScope('GROUP_NOT_FOUND', 201),
      call: async (token) => {
        const name = uniqueName('Created under A');
        const response = await world.stack.api.post(
          `${API}/groups`,
          { name, parentId: world.groupA.id },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const tree = flatten((await world.masterGet('/groups')).body.groups);
            const created = tree.filter((group) => group.name === name);
            expect(created).toHaveLength(allowed ? 1 : 0);
            if (allowed) expect(created[0].parentId).toBe(world.groupA.id);
          },
        };
      },
    },
    {
      endpoint: 'POST /groups without parentId (top level)',
      expected: {
        master: 201,
        adminInScope: 'FORBIDDEN_GROUP',
        adminOutOfScope: 'FORBIDDEN_GROUP',
        technician: 'FORBIDDEN',
        otherOrgMaster: 201, // a top-level group of its own organization
        noToken: 'UNAUTHENTICATED',
      },
      call: async (token, actor) => {
        const name = uniqueName('Top level');
        const response = await world.stack.api.post(`${API}/groups`, { name }, token);
        return {
          response,
          check: async (allowed) => {
            const tree = flatten((await world.masterGet('/groups')).body.groups);
            const inFirstOrg = tree.filter((group) => group.name === name);
            expect(inFirstOrg).toHaveLength(allowed && actor === 'master' ? 1 : 0);
            if (allowed) expect(response.body.parentId).toBeNull();
          },
        };
      },
    },
    {
      endpoint: 'GET /groups/:id of group A',
      expected: inScope('GROUP_NOT_FOUND'),
      call: async (token) => {
        const response = await world.stack.api.get(`${API}/groups/${world.groupA.id}`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed) expect(response.body.id).toBe(world.groupA.id);
          },
        };
      },
    },
    {
      endpoint: 'GET /groups/:id of a sub-group of A',
      expected: inScope('GROUP_NOT_FOUND'),
      call: async (token) => {
        const response = await world.stack.api.get(`${API}/groups/${world.childOfA.id}`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed)
              expect(response.body).toMatchObject({
                id: world.childOfA.id,
                parentId: world.groupA.id,
              });
          },
        };
      },
    },
    {
      endpoint: 'PATCH /groups/:id of a group under A',
      expected: inScope('GROUP_NOT_FOUND'),
      call: async (token) => {
        const target = await world.freshGroupInA();
        const description = uniqueName('changed');
        const response = await world.stack.api.request('PATCH', `${API}/groups/${target.id}`, {
          body: { description },
          token,
        });
        return {
          response,
          check: async (allowed) => {
            const after = await world.masterGet(`/groups/${target.id}`);
            expect(after.body.description).toBe(allowed ? description : target.description);
          },
        };
      },
    },
    {
      endpoint: 'DELETE /groups/:id of an empty group under A',
      expected: inScope('GROUP_NOT_FOUND', 204),
      call: async (token) => {
        const target = await world.freshGroupInA();
        const response = await world.stack.api.request('DELETE', `${API}/groups/${target.id}`, {
          token,
        });
        return {
          response,
          check: async (allowed) => {
            expect((await world.masterGet(`/groups/${target.id}`)).status).toBe(
              allowed ? 404 : 200,
            );
          },
        };
      },
    },
    {
      endpoint: 'GET /groups/:id/children of group A',
      expected: inScope('GROUP_NOT_FOUND'),
      call: async (token) => {
        const response = await world.stack.api.get(
          `${API}/groups/${world.groupA.id}/children`,
          token,
        );
        return {
          response,
          check: (allowed) => {
            if (allowed) expect(response.body.items).toEqual(expect.any(Array));
          },
        };
      },
    },
    {
      endpoint: 'GET /groups/:id/technicians of group A',
      expected: inScope('GROUP_NOT_FOUND'),
      call: async (token) => {
        const response = await world.stack.api.get(
          `${API}/groups/${world.groupA.id}/technicians`,
          token,
        );
        return {
          response,
          check: (allowed) => {
            if (allowed) {
              expect(response.body.items.map((t: any) => t.id)).toContain(world.techInA.id);
            }
          },
        };
      },
    },
    {
      endpoint: 'POST /groups/:id/technicians into group A',
      expected: inScope('GROUP_NOT_FOUND', 201),
      call: async (token) => {
        const email = uniqueEmail('matrix-tech');
        const response = await world.stack.api.post(
          `${API}/groups/${world.groupA.id}/technicians`,
          { name: uniqueName('Matrix technician'), email, password: GOOD_PASSWORD },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const found = await world.masterGet(`/technicians?q=${encodeURIComponent(email)}`);
            expect(found.body.items).toHaveLength(allowed ? 1 : 0);
            if (allowed) expect(found.body.items[0].groupId).toBe(world.groupA.id);
          },
        };
      },
    },
  ];

  describe('every endpoint, every caller', () => {
    itAnswersEveryCell(rows, world.tokens);
  });
});
