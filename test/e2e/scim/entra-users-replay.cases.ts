import { randomUUID } from 'node:crypto';
import { uniqueEmail } from '../../support/fixtures';
import { SCIM, ScimClient, scimClient } from '../../support/scim';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

/**
 * Microsoft Entra ID's User requests, replayed one by one with the bodies of its documentation:
 * learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
 * ("SCIM protocol requests and responses", "/Users") and, with and without the
 * `aadOptscim062020` flag, learn.microsoft.com/en-us/entra/identity/app-provisioning/
 * application-provisioning-config-problem-scim-compatibility. Only ids are real ones, and a
 * userName is an email (a technician signs in with it); the effect is read back.
 */
describe('SCIM: Entra ID Users, as documented', () => {
  let stack: Stack;
  let admin: string;
  let scim: ScimClient;

  beforeAll(async () => {
    const session = sharedSession<StackSession>();
    stack = session.stack;
    admin = session.token;
    scim = await scimClient(stack.api, admin, 'Entra ID (replay)');
  });

  const technician = async (id: string) =>
    (await stack.api.get(`/api/v1/technicians/${id}`, admin)).body;
  const find = async (filter: string) => {
    const found = await scim.call('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(found.status).toBe(200);
    return found.body.Resources.map((user: any) => user.id);
  };
  const patch = (id: string, body: unknown) => scim.call('PATCH', `/Users/${id}`, body);

  /** "Create User" (request), userName an email. */
  const createUser = async () => {
    const userName = uniqueEmail('entra');
    const work = uniqueEmail('entra-work');
    const created = await scim.call('POST', '/Users', {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      ],
      externalId: randomUUID(),
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: work }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    });
    expect(created.status).toBe(201);
    return { user: created.body, userName, work };
  };

  it('creates a User, gets it, and finds it by userName and by emails[type eq "work"].value; zero results are an empty list', async () => {
    const { user, userName, work } = await createUser();
    expect(user).toMatchObject({
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: work }],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    });
    const got = await scim.call('GET', `/Users/${user.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: user.id, externalId: user.externalId, userName });
    expect(await technician(user.id)).toMatchObject({ email: userName, enabled: true });

    expect(await find(`userName eq "${userName}"`)).toEqual([user.id]);
    expect(await find(`emails[type eq "work"].value eq "${work}"`)).toEqual([user.id]);
    // The work email of one User is another's "other" email: only the first is a match.
    const other = await scim.newUser({
      emails: [
        { type: 'work', value: uniqueEmail('entra-work') },
        { type: 'other', value: work },
      ],
    });
    expect(await find(`emails[type eq "work"].value eq "${work}"`)).toEqual([user.id]);
    expect(await find(`emails.value eq "${work}"`)).toEqual(
      expect.arrayContaining([user.id, other.id]),
    );

    const none = await scim.call(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "non-existent user"')}`,
    );
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [], startIndex: 1 });
  });

  it('provisions a User as "Example 2" sends it (null attributes, the enterprise schema misspelt) and takes "Example 5"\'s manager without failing', async () => {
    const userName = uniqueEmail('jyoung');
    const created = await scim.call('POST', '/Users', {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:User',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0User',
      ],
      externalId: 'jyoung',
      userName,
      active: true,
      addresses: null,
      displayName: 'Joy Young',
      emails: [{ type: 'work', value: userName.replace(/@.*/, '@Contoso.com'), primary: true }],
      meta: { resourceType: 'User' },
      name: { familyName: 'Young', givenName: 'Joy' },
      phoneNumbers: null,
      preferredLanguage: null,
      title: null,
      department: null,
      manager: null,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userName,
      displayName: 'Joy Young',
      externalId: 'jyoung',
    });
    expect(await find('externalId eq "jyoung"')).toContain(created.body.id);

    const manager = await scim.newUser();
    const patched = await patch(created.body.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        {
          op: 'Add',
          path: 'manager',
          value: [{ $ref: `${stack.api.baseUrl}/scim/v2/Users/${manager.id}`, value: manager.id }],
        },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ userName, displayName: 'Joy Young' });
  });

  it('updates multi-valued properties (a work email and name.familyName by path)', async () => {
    const { user } = await createUser();
    const updated = uniqueEmail('updatedEmail');
    const patched = await patch(user.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: updated },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ],
    });
    expect(patched.status).toBe(200);
    const read = (await scim.call('GET', `/Users/${user.id}`)).body;
    expect(read.emails).toEqual([{ primary: true, type: 'work', value: updated }]);
    expect(read.name).toMatchObject({ familyName: 'updatedFamilyName', givenName: 'givenName' });
  });

  it('replaces multiple attributes without aadOptscim062020: six Replace operations, the enterprise one included', async () => {
    const { user } = await createUser();
    const work = uniqueEmail('TestBcwqnm');
    const patched = await patch(user.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Pvlo' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: work },
        { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
        { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
        { op: 'Replace', path: 'externalId', value: 'Eqpj' },
        {
          op: 'Replace',
          path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
          value: 'Eqpj',
        },
      ],
    });
    expect(patched.status).toBe(200);
    const read = (await scim.call('GET', `/Users/${user.id}`)).body;
    expect(read).toMatchObject({
      displayName: 'Pvlo',
      externalId: 'Eqpj',
      emails: [{ type: 'work', value: work }],
      name: { givenName: 'Gtfd', familyName: 'Pkqf' },
    });
    expect((await technician(user.id)).name).toBe('Pvlo');
  });

  it('replaces multiple attributes with aadOptscim062020: a path, then one path-less value of dotted and enterprise keys', async () => {
    const { user } = await createUser();
    const work = uniqueEmail('TestMhvaes');
    const patched = await patch(user.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'emails[type eq "work"].value', value: work },
        {
          op: 'replace',
          value: {
            displayName: 'Bjfe',
            'name.givenName': 'Kkom',
            'name.familyName': 'Unua',
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': 'Aklq',
          },
        },
      ],
    });
    expect(patched.status).toBe(200);
    const read = (await scim.call('GET', `/Users/${user.id}`)).body;
    expect(read).toMatchObject({
      displayName: 'Bjfe',
      emails: [{ type: 'work', value: work }],
      name: { givenName: 'Kkom', familyName: 'Unua' },
    });
    expect((await technician(user.id)).name).toBe('Bjfe');
  });

  it('updates a single-valued property: a new userName is the sign-in email, found by filter', async () => {
    const { user, userName, work } = await createUser();
    const renamed = uniqueEmail('entra-renamed');
    const patched = await patch(user.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'userName', value: renamed }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ userName: renamed, emails: [{ value: work }] });
    expect(await find(`userName eq "${renamed}"`)).toEqual([user.id]);
    expect(await find(`userName eq "${userName}"`)).toEqual([]);
    expect((await technician(user.id)).email).toBe(renamed);
  });

  it('disables a User (replace active false, with the flag; "Replace" false, documented) and enables it with "True"; a disabled User is still returned', async () => {
    const { user } = await createUser();
    const flagged = await patch(user.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect(flagged.status).toBe(200);
    expect((await technician(user.id)).enabled).toBe(false);
    const got = await scim.call('GET', `/Users/${user.id}`);
    expect(got.status).toBe(200);
    expect(got.body.active).toBe(false);

    const enabled = await patch(user.id, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(enabled.status).toBe(200);
    expect((await technician(user.id)).enabled).toBe(true);

    const documented = await patch(user.id, {
      Operations: [{ op: 'Replace', path: 'active', value: false }],
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    });
    expect(documented.status).toBe(200);
    expect(documented.body.active).toBe(false);
    expect((await technician(user.id)).enabled).toBe(false);
  });

  it('adds a single-value string attribute, "Add" without the flag and "add" with it', async () => {
    for (const op of ['Add', 'add']) {
      const { user } = await createUser();
      const added = await patch(user.id, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op, path: 'nickName', value: 'Babs' }],
      });
      expect({ op, status: added.status }).toEqual({ op, status: 200 });
      expect((await scim.call('GET', `/Users/${user.id}`)).body.nickName).toBe('Babs');
      expect((await technician(user.id)).nickname).toBe('Babs');
    }
  });

  it('discovers the schema: GET /Schemas is a list response of User and Group', async () => {
    const schemas = await scim.call('GET', '/Schemas');
    expect(schemas.status).toBe(200);
    expect(schemas.body).toMatchObject({ schemas: [SCIM.LIST], startIndex: 1 });
    expect(schemas.body.totalResults).toBe(schemas.body.Resources.length);
    expect(schemas.body.Resources.map((schema: any) => schema.id)).toEqual(
      expect.arrayContaining([SCIM.USER, SCIM.GROUP]),
    );
  });

  it('deletes a User: 204, then 404', async () => {
    const { user } = await createUser();
    expect((await scim.call('DELETE', `/Users/${user.id}`)).status).toBe(204);
    const gone = await scim.call('GET', `/Users/${user.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: [SCIM.ERROR], status: '404' });
  });
});
