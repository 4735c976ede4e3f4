import {
  ACTOR_ROLES,
  type ActorName,
  anyAdministrator,
  anySignedIn,
  type EndpointRow,
  expectOutcome,
  inScope,
  masterOnly,
  matrixCells,
  type SignedInActor,
} from '../support/authorization-matrix';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { createOrganization } from '../support/organizations';
import { Stack } from '../support/stack';

/**
 * The authorization matrix of the REST API (spec §1 and §3): every non-import endpoint,
 * called by each kind of caller, answers the status (and problem code) the contract says.
 * The callers and the harness are in test/support/authorization-matrix.ts.
 */

const API = '/api/v1';
let nameCounter = 0;
const uniqueName = (label: string) => `${label} ${++nameCounter} ${Date.now().toString(36)}`;

interface SignedIn {
  email: string;
  password: string;
  token: string;
}

/**
 * signInChangingPassword, also remembering the password the account has afterwards (the
 * fixture changes an administrator-set password to `<password>-New9`), so that the
 * change-password cells can give the current one.
 */
async function signIn(stack: Stack, email: string, password: string): Promise<SignedIn> {
  const first = await stack.api.post(`${API}/auth/login`, { email, password });
  if (first.status !== 200) throw new Error(`sign-in of ${email}: ${first.text}`);
  const token = await signInChangingPassword(stack.api, email, password);
  return {
    email,
    password: first.body.mustChangePassword ? `${password}-New9` : password,
    token,
  };
}

/** Every group of a tree answer, depth first. */
function flatten(groups: any[]): any[] {
  return groups.flatMap((group) => [group, ...flatten(group.children ?? [])]);
}

describe('Authorization matrix of the REST API', () => {
  let stack: Stack;
  const tokens = {} as Record<ActorName, string | undefined>;
  const accounts = {} as Record<SignedInActor, SignedIn>;

  // The first organization's Organization Tree: A (with A/child) and B, siblings at the top.
  let groupA: any;
  let childOfA: any;
  let groupB: any;
  let techInA: any;
  let techInChild: any;
  let techInB: any;
  let technicianActor: any;
  let adminOfA: any;
  let adminOfB: any;
  let adminOfAAndB: SignedIn;
  let masterId: string;
  // The second organization's own group and technician.
  let otherOrg: { organizationId: string; administratorId: string };
  let otherGroup: any;
  let otherTechnician: any;
  let passwordPolicy: Record<string, unknown>;

  const asMaster = () => tokens.master!;
  const masterGet = (route: string) => stack.api.get(`${API}${route}`, asMaster());
  const freshGroupInA = () => createGroup(stack.api, asMaster(), { parentId: groupA.id });
  const freshTechnicianInA = () => createTechnician(stack.api, asMaster(), groupA.id);

  beforeAll(async () => {
    stack = await Stack.start('authz');
    tokens.master = await stack.adminToken();
    accounts.master = {
      email: stack.adminEmail,
      password: stack.adminPassword,
      token: tokens.master,
    };
    masterId = (await masterGet('/me')).body.id;

    [groupA, groupB] = await Promise.all([
      createGroup(stack.api, asMaster(), { name: 'A', permissions: ['Chat'] }),
      createGroup(stack.api, asMaster(), { name: 'B', permissions: ['RemoteView'] }),
    ]);
    childOfA = await createGroup(stack.api, asMaster(), { name: 'A child', parentId: groupA.id });
    [techInA, techInChild, techInB, technicianActor] = await Promise.all([
      createTechnician(stack.api, asMaster(), groupA.id),
      createTechnician(stack.api, asMaster(), childOfA.id),
      createTechnician(stack.api, asMaster(), groupB.id),
      createTechnician(stack.api, asMaster(), groupA.id, { name: 'Technician actor' }),
    ]);
    const adminOfAAndBAccount = await createAdministrator(stack.api, asMaster(), {
      groupIds: [groupA.id, groupB.id],
    });
    [adminOfA, adminOfB] = await Promise.all([
      createAdministrator(stack.api, asMaster(), { groupIds: [groupA.id] }),
      createAdministrator(stack.api, asMaster(), { groupIds: [groupB.id] }),
    ]);

    const otherOrgEmail = uniqueEmail('other-master');
    otherOrg = await createOrganization(
      stack,
      uniqueName('Other Org'),
      otherOrgEmail,
      GOOD_PASSWORD,
    );

    [
      accounts.adminInScope,
      accounts.adminOutOfScope,
      accounts.technician,
      accounts.otherOrgMaster,
      adminOfAAndB,
    ] = await Promise.all([
      signIn(stack, adminOfA.email, adminOfA.password),
      signIn(stack, adminOfB.email, adminOfB.password),
      signIn(stack, technicianActor.email, technicianActor.password),
      signIn(stack, otherOrgEmail, GOOD_PASSWORD),
      signIn(stack, adminOfAAndBAccount.email, adminOfAAndBAccount.password),
    ]);
    tokens.adminInScope = accounts.adminInScope.token;
    tokens.adminOutOfScope = accounts.adminOutOfScope.token;
    tokens.technician = accounts.technician.token;
    tokens.otherOrgMaster = accounts.otherOrgMaster.token;
    tokens.noToken = undefined;

    otherGroup = await createGroup(stack.api, tokens.otherOrgMaster, { name: 'Other group' });
    otherTechnician = await createTechnician(stack.api, tokens.otherOrgMaster, otherGroup.id);
    passwordPolicy = (await masterGet('/settings/password-policy')).body;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('has a full token for every caller, of the role and organization it is meant to have', async () => {
    const firstOrg = (await masterGet('/me')).body.organizationId;
    expect(otherOrg.organizationId).not.toBe(firstOrg);
    for (const [actor, role] of Object.entries(ACTOR_ROLES)) {
      const me = await stack.api.get(`${API}/me`, tokens[actor as ActorName]);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        role,
        mustChangePassword: false,
        organizationId: actor === 'otherOrgMaster' ? otherOrg.organizationId : firstOrg,
      });
    }
  });

  // ---------------------------------------------------------------------------------------
  // The matrix: one row per endpoint, one test per (endpoint, caller) cell.
  // ---------------------------------------------------------------------------------------

  const rows: EndpointRow[] = [
    {
      endpoint: 'GET /permissions',
      expected: anyAdministrator(),
      call: async (token) => {
        const response = await stack.api.get(`${API}/permissions`, token);
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
      call: async (token) => ({ response: await stack.api.get(`${API}/groups`, token) }),
    },
    {
      endpoint: 'GET /groups/roots',
      expected: anyAdministrator(),
      call: async (token) => {
        const response = await stack.api.get(`${API}/groups/roots?limit=200`, token);
        return {
          response,
          check: async (allowed) => {
            if (!allowed) return;
            // The top of the same caller's tree: an Administrator's own groups, a master's top level.
            const tree = (await stack.api.get(`${API}/groups`, token)).body.groups;
            expect(response.body.items.map((g: { id: string }) => g.id)).toEqual(
              tree.map((g: { id: string }) => g.id),
            );
          },
        };
      },
    },
    {
      endpoint: 'POST /groups under group A',
      expected: inScope('GROUP_NOT_FOUND', 201),
      call: async (token) => {
        const name = uniqueName('Created under A');
        const response = await stack.api.post(
          `${API}/groups`,
          { name, parentId: groupA.id },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const tree = flatten((await masterGet('/groups')).body.groups);
            const created = tree.filter((group) => group.name === name);
            expect(created).toHaveLength(allowed ? 1 : 0);
            if (allowed) expect(created[0].parentId).toBe(groupA.id);
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
        const response = await stack.api.post(`${API}/groups`, { name }, token);
        return {
          response,
          check: async (allowed) => {
            const tree = flatten((await masterGet('/groups')).body.groups);
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
        const response = await stack.api.get(`${API}/groups/${groupA.id}`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed) expect(response.body.id).toBe(groupA.id);
          },
        };
      },
    },
    {
      endpoint: 'GET /groups/:id of a sub-group of A',
      expected: inScope('GROUP_NOT_FOUND'),
      call: async (token) => {
        const response = await stack.api.get(`${API}/groups/${childOfA.id}`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed)
              expect(response.body).toMatchObject({ id: childOfA.id, parentId: groupA.id });
          },
        };
      },
    },
    {
      endpoint: 'PATCH /groups/:id of a group under A',
      expected: inScope('GROUP_NOT_FOUND'),
      call: async (token) => {
        const target = await freshGroupInA();
        const description = uniqueName('changed');
        const response = await stack.api.request('PATCH', `${API}/groups/${target.id}`, {
          body: { description },
          token,
        });
        return {
          response,
          check: async (allowed) => {
            const after = await masterGet(`/groups/${target.id}`);
            expect(after.body.description).toBe(allowed ? description : target.description);
          },
        };
      },
    },
    {
      endpoint: 'DELETE /groups/:id of an empty group under A',
      expected: inScope('GROUP_NOT_FOUND', 204),
      call: async (token) => {
        const target = await freshGroupInA();
        const response = await stack.api.request('DELETE', `${API}/groups/${target.id}`, {
          token,
        });
        return {
          response,
          check: async (allowed) => {
            expect((await masterGet(`/groups/${target.id}`)).status).toBe(allowed ? 404 : 200);
          },
        };
      },
    },
    {
      endpoint: 'GET /groups/:id/children of group A',
      expected: inScope('GROUP_NOT_FOUND'),
      call: async (token) => {
        const response = await stack.api.get(`${API}/groups/${groupA.id}/children`, token);
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
        const response = await stack.api.get(`${API}/groups/${groupA.id}/technicians`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed) {
              expect(response.body.items.map((t: any) => t.id)).toContain(techInA.id);
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
        const response = await stack.api.post(
          `${API}/groups/${groupA.id}/technicians`,
          { name: uniqueName('Matrix technician'), email, password: GOOD_PASSWORD },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const found = await masterGet(`/technicians?q=${encodeURIComponent(email)}`);
            expect(found.body.items).toHaveLength(allowed ? 1 : 0);
            if (allowed) expect(found.body.items[0].groupId).toBe(groupA.id);
          },
        };
      },
    },
    {
      endpoint: 'GET /technicians',
      expected: anyAdministrator(),
      call: async (token) => ({ response: await stack.api.get(`${API}/technicians`, token) }),
    },
    {
      endpoint: 'GET /technicians/:id of a technician in A',
      expected: inScope('TECHNICIAN_NOT_FOUND'),
      call: async (token) => {
        const response = await stack.api.get(`${API}/technicians/${techInA.id}`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed)
              expect(response.body).toMatchObject({ id: techInA.id, groupId: groupA.id });
          },
        };
      },
    },
    {
      endpoint: 'GET /technicians/:id of a technician in a sub-group of A',
      expected: inScope('TECHNICIAN_NOT_FOUND'),
      call: async (token) => {
        const response = await stack.api.get(`${API}/technicians/${techInChild.id}`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed) expect(response.body.id).toBe(techInChild.id);
          },
        };
      },
    },
    {
      endpoint: 'PATCH /technicians/:id of a technician in A',
      expected: inScope('TECHNICIAN_NOT_FOUND'),
      call: async (token) => {
        const target = await freshTechnicianInA();
        const description = uniqueName('changed');
        const response = await stack.api.request('PATCH', `${API}/technicians/${target.id}`, {
          body: { description },
          token,
        });
        return {
          response,
          check: async (allowed) => {
            const after = await masterGet(`/technicians/${target.id}`);
            expect(after.body.description).toBe(allowed ? description : target.description);
          },
        };
      },
    },
    {
      endpoint: 'DELETE /technicians/:id of a technician in A',
      expected: inScope('TECHNICIAN_NOT_FOUND', 204),
      call: async (token) => {
        const target = await freshTechnicianInA();
        const response = await stack.api.request('DELETE', `${API}/technicians/${target.id}`, {
          token,
        });
        return {
          response,
          check: async (allowed) => {
            expect((await masterGet(`/technicians/${target.id}`)).status).toBe(allowed ? 404 : 200);
          },
        };
      },
    },
    {
      endpoint: 'POST /technicians/:id/move from A into a sub-group of A',
      expected: inScope('TECHNICIAN_NOT_FOUND'),
      call: async (token) => {
        const target = await freshTechnicianInA();
        const response = await stack.api.post(
          `${API}/technicians/${target.id}/move`,
          { groupId: childOfA.id },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const after = await masterGet(`/technicians/${target.id}`);
            expect(after.body.groupId).toBe(allowed ? childOfA.id : groupA.id);
            if (allowed) expect(response.body.groupId).toBe(childOfA.id);
          },
        };
      },
    },
    {
      endpoint: 'POST /technicians/:id/password of a technician in A',
      expected: inScope('TECHNICIAN_NOT_FOUND', 204),
      call: async (token) => {
        const target = await freshTechnicianInA();
        const password = 'Reset-Pass-731';
        const response = await stack.api.post(
          `${API}/technicians/${target.id}/password`,
          { password },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const login = await stack.api.post(`${API}/auth/login`, {
              email: target.email,
              password,
            });
            expect(login.status).toBe(allowed ? 200 : 401);
          },
        };
      },
    },
    {
      endpoint: 'GET /administrators',
      expected: masterOnly(200),
      call: async (token, actor) => {
        const response = await stack.api.get(`${API}/administrators?limit=200`, token);
        return {
          response,
          check: (allowed) => {
            if (!allowed) return;
            const ids = response.body.items.map((a: any) => a.id);
            if (actor === 'master') expect(ids).toContain(adminOfA.id);
            else expect(ids).not.toContain(adminOfA.id);
          },
        };
      },
    },
    {
      endpoint: 'POST /administrators for group A',
      expected: masterOnly('GROUP_NOT_FOUND', 201),
      call: async (token) => {
        const email = uniqueEmail('matrix-admin');
        const response = await stack.api.post(
          `${API}/administrators`,
          {
            name: uniqueName('Matrix administrator'),
            email,
            password: GOOD_PASSWORD,
            role: 'admin',
            groupIds: [groupA.id],
          },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const list = await masterGet('/administrators?limit=200');
            const emails = list.body.items.map((a: any) => a.email);
            if (allowed) expect(emails).toContain(email);
            else expect(emails).not.toContain(email);
          },
        };
      },
    },
    {
      endpoint: 'PATCH /administrators/:id',
      expected: masterOnly('ADMINISTRATOR_NOT_FOUND'),
      call: async (token) => {
        const target = await createAdministrator(stack.api, asMaster(), { groupIds: [groupA.id] });
        const name = uniqueName('Renamed administrator');
        const response = await stack.api.request('PATCH', `${API}/administrators/${target.id}`, {
          body: { name },
          token,
        });
        return {
          response,
          check: async (allowed) => {
            const list = await masterGet('/administrators?limit=200');
            const after = list.body.items.find((a: any) => a.id === target.id);
            expect(after.name).toBe(allowed ? name : target.name);
          },
        };
      },
    },
    {
      endpoint: 'GET /settings/password-policy',
      expected: anyAdministrator(),
      call: async (token) => ({
        response: await stack.api.get(`${API}/settings/password-policy`, token),
      }),
    },
    {
      endpoint: 'PUT /settings/password-policy (unchanged values)',
      expected: masterOnly(200),
      call: async (token) => ({
        response: await stack.api.request('PUT', `${API}/settings/password-policy`, {
          body: passwordPolicy,
          token,
        }),
      }),
    },
    {
      endpoint: 'GET /me',
      expected: anySignedIn(200),
      call: async (token, actor) => {
        const response = await stack.api.get(`${API}/me`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed && actor !== 'noToken') {
              expect(response.body.email.toLowerCase()).toBe(accounts[actor].email.toLowerCase());
            }
          },
        };
      },
    },
    {
      endpoint: 'POST /auth/change-password',
      expected: anySignedIn(204),
      call: async (token, actor) => {
        const current = actor === 'noToken' ? GOOD_PASSWORD : accounts[actor].password;
        const newPassword = `Rotated-${++nameCounter}-Pw`;
        const response = await stack.api.post(
          `${API}/auth/change-password`,
          { currentPassword: current, newPassword },
          token,
        );
        if (response.status === 204 && actor !== 'noToken') accounts[actor].password = newPassword;
        return {
          response,
          check: async (allowed) => {
            if (allowed && actor !== 'noToken') {
              // The change ended the sessions opened before it: the actor signs in anew.
              expect((await stack.api.get(`${API}/me`, token)).status).toBe(401);
              const fresh = await stack.api.login(accounts[actor].email, newPassword);
              accounts[actor].token = fresh;
              tokens[actor] = fresh;
            }
          },
        };
      },
    },
  ];

  const cells = matrixCells(rows);

  describe('every endpoint, every caller', () => {
    it.each(cells)('$endpoint by $caller answers $outcome', async ({ row, actor }) => {
      const expected = row.expected[actor];
      const { response, check } = await row.call(tokens[actor], actor);

      expectOutcome(response, expected);
      await check?.(typeof expected === 'number');
    });
  });

  // ---------------------------------------------------------------------------------------
  // Tenancy: another organization's Master Administrator learns nothing of the first one.
  // ---------------------------------------------------------------------------------------

  describe("another organization's Master Administrator gets 404, never 403", () => {
    type Target = { label: string; id: () => string };
    const groups: Target[] = [
      { label: 'group A', id: () => groupA.id },
      { label: 'the sub-group of A', id: () => childOfA.id },
      { label: 'group B', id: () => groupB.id },
    ];
    const technicians: Target[] = [
      { label: 'the technician in A', id: () => techInA.id },
      { label: 'the technician in the sub-group of A', id: () => techInChild.id },
      { label: 'the technician in B', id: () => techInB.id },
      { label: 'the signed-in technician', id: () => technicianActor.id },
    ];
    const administrators: Target[] = [
      { label: 'the bootstrap Master Administrator', id: () => masterId },
      { label: 'the Administrator of A', id: () => adminOfA.id },
      { label: 'the Administrator of B', id: () => adminOfB.id },
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
        route: () => `/groups/${otherGroup.id}`,
        body: (id) => ({ parentId: id }),
      },
      {
        name: 'POST /technicians/:own/move of its own technician into :id',
        method: 'POST',
        route: () => `/technicians/${otherTechnician.id}/move`,
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
        body: () => ({ groupId: otherGroup.id }),
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
      const response = await stack.api.request(probe.method, `${API}${probe.route(target.id())}`, {
        body: probe.body?.(target.id()),
        token: tokens.otherOrgMaster,
      });

      expect({ status: response.status, code: response.body?.code }).toEqual({ status: 404, code });
    });

    it('left every group, technician and administrator of the first organization as it was', async () => {
      for (const group of [groupA, childOfA, groupB]) {
        const after = await masterGet(`/groups/${group.id}`);
        expect(after.status).toBe(200);
        expect(after.body).toMatchObject({
          name: group.name,
          description: group.description,
          parentId: group.parentId,
        });
      }
      for (const technician of [techInA, techInChild, techInB, technicianActor]) {
        const after = await masterGet(`/technicians/${technician.id}`);
        expect(after.status).toBe(200);
        expect(after.body).toMatchObject({
          groupId: technician.groupId,
          description: technician.description,
        });
      }
      // The signed-in technician changed its password: a reset would force another change.
      expect((await masterGet(`/technicians/${technicianActor.id}`)).body.mustChangePassword).toBe(
        false,
      );
      const list = (await masterGet('/administrators?limit=200')).body.items;
      for (const admin of [adminOfA, adminOfB]) {
        expect(list.find((a: any) => a.id === admin.id)).toMatchObject({ name: admin.name });
      }
      expect(list.find((a: any) => a.id === masterId)).toMatchObject({ role: 'master_admin' });
    });

    it('sees none of the first organization in its tree, its technicians or its administrators', async () => {
      const tree = await stack.api.get(`${API}/groups`, tokens.otherOrgMaster);
      const technicianList = await stack.api.get(
        `${API}/technicians?limit=200`,
        tokens.otherOrgMaster,
      );
      const adminList = await stack.api.get(
        `${API}/administrators?limit=200`,
        tokens.otherOrgMaster,
      );

      expect(flatten(tree.body.groups).map((g) => g.id)).toEqual(
        expect.not.arrayContaining([groupA.id, childOfA.id, groupB.id]),
      );
      expect(flatten(tree.body.groups).map((g) => g.id)).toContain(otherGroup.id);
      expect(technicianList.body.items.map((t: any) => t.id)).toEqual(
        expect.not.arrayContaining([techInA.id, techInChild.id, techInB.id, technicianActor.id]),
      );
      expect(adminList.body.items.map((a: any) => a.id)).toEqual([otherOrg.administratorId]);
    });
  });

  // ---------------------------------------------------------------------------------------
  // Scope rules within the organization.
  // ---------------------------------------------------------------------------------------

  describe('moving a technician needs scope over both groups', () => {
    it('refuses the Administrator of A moving a technician of A into B with 403 FORBIDDEN_GROUP, and the technician stays in A', async () => {
      const target = await freshTechnicianInA();

      const response = await stack.api.post(
        `${API}/technicians/${target.id}/move`,
        { groupId: groupB.id },
        tokens.adminInScope,
      );

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN_GROUP');
      expect((await masterGet(`/technicians/${target.id}`)).body.groupId).toBe(groupA.id);
    });

    it('refuses the Administrator of B taking a technician of A into B with 403 FORBIDDEN_GROUP', async () => {
      const target = await freshTechnicianInA();

      const response = await stack.api.post(
        `${API}/technicians/${target.id}/move`,
        { groupId: groupB.id },
        tokens.adminOutOfScope,
      );

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN_GROUP');
      expect((await masterGet(`/technicians/${target.id}`)).body.groupId).toBe(groupA.id);
    });

    it("lets an Administrator of both A and B move it, and the technician takes B's permissions", async () => {
      const target = await freshTechnicianInA();

      const response = await stack.api.post(
        `${API}/technicians/${target.id}/move`,
        { groupId: groupB.id },
        adminOfAAndB.token,
      );

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ groupId: groupB.id, permissions: ['RemoteView'] });
    });

    it('refuses the Administrator of A moving a group of its subtree under B with 403 FORBIDDEN_GROUP', async () => {
      const target = await freshGroupInA();

      const response = await stack.api.request('PATCH', `${API}/groups/${target.id}`, {
        body: { parentId: groupB.id },
        token: tokens.adminInScope,
      });

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN_GROUP');
      expect((await masterGet(`/groups/${target.id}`)).body.parentId).toBe(groupA.id);
    });
  });

  describe('lists show an Administrator its subtree only', () => {
    it("gives the Administrator of A the tree rooted at A, with A's sub-group and without B", async () => {
      const response = await stack.api.get(`${API}/groups`, tokens.adminInScope);

      expect(response.status).toBe(200);
      expect(response.body.groups.map((g: any) => g.id)).toEqual([groupA.id]);
      const ids = flatten(response.body.groups).map((g) => g.id);
      expect(ids).toContain(childOfA.id);
      expect(ids).not.toContain(groupB.id);
    });

    it('gives the Administrator of B the tree rooted at B, without A or its sub-group', async () => {
      const response = await stack.api.get(`${API}/groups`, tokens.adminOutOfScope);

      expect(response.status).toBe(200);
      expect(response.body.groups.map((g: any) => g.id)).toEqual([groupB.id]);
      expect(flatten(response.body.groups).map((g) => g.id)).toEqual(
        expect.not.arrayContaining([groupA.id, childOfA.id]),
      );
    });

    it('lists for the Administrator of A the technicians of A and below, none of B', async () => {
      const [response, tree] = await Promise.all([
        stack.api.get(`${API}/technicians?limit=200`, tokens.adminInScope),
        stack.api.get(`${API}/groups`, tokens.adminInScope),
      ]);

      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      const ids = response.body.items.map((t: any) => t.id);
      expect(ids).toEqual(expect.arrayContaining([techInA.id, techInChild.id, technicianActor.id]));
      expect(ids).not.toContain(techInB.id);
      const visibleGroups = new Set(flatten(tree.body.groups).map((g) => g.id));
      for (const technician of response.body.items) {
        expect(visibleGroups.has(technician.groupId)).toBe(true);
      }
    });

    it('lists for the Administrator of B none of the technicians of A', async () => {
      const response = await stack.api.get(`${API}/technicians?limit=200`, tokens.adminOutOfScope);

      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      const ids = response.body.items.map((t: any) => t.id);
      expect(ids).toContain(techInB.id);
      expect(ids).toEqual(
        expect.not.arrayContaining([techInA.id, techInChild.id, technicianActor.id]),
      );
    });

    it('refuses the Administrator of B a list filtered on group A with 403 FORBIDDEN_GROUP', async () => {
      const response = await stack.api.get(
        `${API}/technicians?groupId=${groupA.id}`,
        tokens.adminOutOfScope,
      );

      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN_GROUP');
    });

    it("gives the Administrator of A the list of its sub-group's technicians", async () => {
      const response = await stack.api.get(
        `${API}/technicians?groupId=${childOfA.id}`,
        tokens.adminInScope,
      );

      expect(response.status).toBe(200);
      expect(response.body.items.map((t: any) => t.id)).toContain(techInChild.id);
    });
  });
});
