import {
  anyAdministrator,
  anySignedIn,
  type EndpointRow,
  inScope,
  itAnswersEveryCell,
  masterOnly,
} from '../support/authorization-matrix';
import { API, authorizationWorld, nextNumber, uniqueName } from '../support/authorization-world';
import { createAdministrator, GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';

/**
 * The authorization matrix of the REST API (spec §1 and §3), its technician, administrator,
 * settings and own-account endpoints: each called by each kind of caller answers the status
 * (and problem code) the contract says. The callers are in
 * test/support/authorization-world.ts, the harness in test/support/authorization-matrix.ts;
 * the group endpoints are in authorization-matrix-groups.e2e-spec.ts.
 */

describe('Authorization matrix of the REST API: technicians, administrators and accounts', () => {
  const world = authorizationWorld('authzaccounts');

  // ---------------------------------------------------------------------------------------
  // The matrix: one row per endpoint, one test per (endpoint, caller) cell.
  // ---------------------------------------------------------------------------------------

  const rows: EndpointRow[] = [
    {
      endpoint: 'GET /technicians',
      expected: anyAdministrator(),
      call: async (token) => ({ response: await world.stack.api.get(`${API}/technicians`, token) }),
    },
    {
      endpoint: 'GET /technicians/:id of a technician in A',
      expected: inScope('TECHNICIAN_NOT_FOUND'),
      call: async (token) => {
        const response = await world.stack.api.get(`${API}/technicians/${world.techInA.id}`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed)
              expect(response.body).toMatchObject({
                id: world.techInA.id,
                groupId: world.groupA.id,
              });
          },
        };
      },
    },
    {
      endpoint: 'GET /technicians/:id of a technician in a sub-group of A',
      expected: inScope('TECHNICIAN_NOT_FOUND'),
      call: async (token) => {
        const response = await world.stack.api.get(
          `${API}/technicians/${world.techInChild.id}`,
          token,
        );
        return {
          response,
          check: (allowed) => {
            if (allowed) expect(response.body.id).toBe(world.techInChild.id);
          },
        };
      },
    },
    {
      endpoint: 'PATCH /technicians/:id of a technician in A',
      expected: inScope('TECHNICIAN_NOT_FOUND'),
      call: async (token) => {
        const target = await world.freshTechnicianInA();
        const description = uniqueName('changed');
        const response = await world.stack.api.request('PATCH', `${API}/technicians/${target.id}`, {
          body: { description },
          token,
        });
        return {
          response,
          check: async (allowed) => {
            const after = await world.masterGet(`/technicians/${target.id}`);
            expect(after.body.description).toBe(allowed ? description : target.description);
          },
        };
      },
    },
    {
      endpoint: 'DELETE /technicians/:id of a technician in A',
      expected: inScope('TECHNICIAN_NOT_FOUND', 204),
      call: async (token) => {
        const target = await world.freshTechnicianInA();
        const response = await world.stack.api.request(
          'DELETE',
          `${API}/technicians/${target.id}`,
          {
            token,
          },
        );
        return {
          response,
          check: async (allowed) => {
            expect((await world.masterGet(`/technicians/${target.id}`)).status).toBe(
              allowed ? 404 : 200,
            );
          },
        };
      },
    },
    {
      endpoint: 'POST /technicians/:id/move from A into a sub-group of A',
      expected: inScope('TECHNICIAN_NOT_FOUND'),
      call: async (token) => {
        const target = await world.freshTechnicianInA();
        const response = await world.stack.api.post(
          `${API}/technicians/${target.id}/move`,
          { groupId: world.childOfA.id },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const after = await world.masterGet(`/technicians/${target.id}`);
            expect(after.body.groupId).toBe(allowed ? world.childOfA.id : world.groupA.id);
            if (allowed) expect(response.body.groupId).toBe(world.childOfA.id);
          },
        };
      },
    },
    {
      endpoint: 'POST /technicians/:id/password of a technician in A',
      expected: inScope('TECHNICIAN_NOT_FOUND', 204),
      call: async (token) => {
        const target = await world.freshTechnicianInA();
        const password = 'Reset-Pass-731';
        const response = await world.stack.api.post(
          `${API}/technicians/${target.id}/password`,
          { password },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const login = await world.stack.api.post(`${API}/auth/login`, {
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
        const response = await world.stack.api.get(`${API}/administrators?limit=200`, token);
        return {
          response,
          check: (allowed) => {
            if (!allowed) return;
            const ids = response.body.items.map((a: any) => a.id);
            if (actor === 'master') expect(ids).toContain(world.adminOfA.id);
            else expect(ids).not.toContain(world.adminOfA.id);
          },
        };
      },
    },
    {
      endpoint: 'POST /administrators for group A',
      expected: masterOnly('GROUP_NOT_FOUND', 201),
      call: async (token) => {
        const email = uniqueEmail('matrix-admin');
        const response = await world.stack.api.post(
          `${API}/administrators`,
          {
            name: uniqueName('Matrix administrator'),
            email,
            password: GOOD_PASSWORD,
            role: 'admin',
            groupIds: [world.groupA.id],
          },
          token,
        );
        return {
          response,
          check: async (allowed) => {
            const list = await world.masterGet('/administrators?limit=200');
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
        const target = await createAdministrator(world.stack.api, world.asMaster(), {
          groupIds: [world.groupA.id],
        });
        const name = uniqueName('Renamed administrator');
        const response = await world.stack.api.request(
          'PATCH',
          `${API}/administrators/${target.id}`,
          {
            body: { name },
            token,
          },
        );
        return {
          response,
          check: async (allowed) => {
            const list = await world.masterGet('/administrators?limit=200');
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
        response: await world.stack.api.get(`${API}/settings/password-policy`, token),
      }),
    },
    {
      endpoint: 'PUT /settings/password-policy (unchanged values)',
      expected: masterOnly(200),
      call: async (token) => ({
        response: await world.stack.api.request('PUT', `${API}/settings/password-policy`, {
          body: world.passwordPolicy,
          token,
        }),
      }),
    },
    {
      endpoint: 'GET /me',
      expected: anySignedIn(200),
      call: async (token, actor) => {
        const response = await world.stack.api.get(`${API}/me`, token);
        return {
          response,
          check: (allowed) => {
            if (allowed && actor !== 'noToken') {
              expect(response.body.email.toLowerCase()).toBe(
                world.accounts[actor].email.toLowerCase(),
              );
            }
          },
        };
      },
    },
    {
      endpoint: 'POST /auth/change-password',
      expected: anySignedIn(204),
      call: async (token, actor) => {
        const current = actor === 'noToken' ? GOOD_PASSWORD : world.accounts[actor].password;
        const newPassword = `Rotated-${nextNumber()}-Pw`;
        const response = await world.stack.api.post(
          `${API}/auth/change-password`,
          { currentPassword: current, newPassword },
          token,
        );
        if (response.status === 204 && actor !== 'noToken')
          world.accounts[actor].password = newPassword;
        return {
          response,
          check: async (allowed) => {
            if (allowed && actor !== 'noToken') {
              // The change ended the sessions opened before it: the actor signs in anew.
              expect((await world.stack.api.get(`${API}/me`, token)).status).toBe(401);
              const fresh = await world.stack.api.login(world.accounts[actor].email, newPassword);
              world.accounts[actor].token = fresh;
              world.tokens[actor] = fresh;
            }
          },
        };
      },
    },
  ];

  describe('every endpoint, every caller', () => {
    itAnswersEveryCell(rows, world.tokens);
  });
});
