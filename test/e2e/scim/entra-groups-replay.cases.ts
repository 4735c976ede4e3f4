import { randomUUID } from 'node:crypto';
import { SCIM, ScimClient, scimClient } from '../../support/scim';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

/**
 * Microsoft Entra ID's Group requests, replayed one by one with the bodies of its documentation:
 * learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
 * ("Group Operations", and the test connection's lookup of a random group), and the member
 * removal of learn.microsoft.com/en-us/entra/identity/app-provisioning/
 * application-provisioning-config-problem-scim-compatibility with `aadOptscim062020`. Only ids
 * are real ones; the effect is read back (members are technicians moved into the group).
 */
describe('SCIM: Entra ID Groups, as documented', () => {
  let stack: Stack;
  let admin: string;
  let scim: ScimClient;

  beforeAll(async () => {
    const session = sharedSession<StackSession>();
    stack = session.stack;
    admin = session.token;
    scim = await scimClient(stack.api, admin, 'Entra ID groups (replay)');
  });

  const groupOf = async (id: string) =>
    (await stack.api.get(`/api/v1/technicians/${id}`, admin)).body.groupId;
  const byName = (displayName: string) =>
    scim.call(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`,
    );

  /** "Create Group" (request). */
  const createGroup = async (displayName = `displayName ${randomUUID()}`) => {
    const created = await scim.call('POST', '/Groups', {
      schemas: [
        'urn:ietf:params:scim:schemas:core:2.0:Group',
        'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
      ],
      externalId: randomUUID(),
      displayName,
      meta: { resourceType: 'Group' },
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  it("answers the test connection's lookup of a random group with an empty list", async () => {
    const found = await byName(randomUUID());
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      schemas: [SCIM.LIST],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('creates a Group with the ADSCIM schema, externalId and meta, empty; gets it without members, and by displayName', async () => {
    const displayName = `displayName ${randomUUID()}`;
    const group = await createGroup(displayName);
    expect(group).toMatchObject({ schemas: [SCIM.GROUP], displayName });
    expect(group.members ?? []).toEqual([]);
    const made = await stack.api.get(`/api/v1/groups/${group.id}`, admin);
    expect(made.body).toMatchObject({ name: displayName, parentId: scim.group.id });

    const got = await scim.call('GET', `/Groups/${group.id}?excludedAttributes=members`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: group.id, displayName });
    expect(got.body).not.toHaveProperty('members');

    const found = await byName(displayName);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(found.body.Resources).toEqual([expect.objectContaining({ id: group.id, displayName })]);
    expect(found.body.Resources[0]).not.toHaveProperty('members');
  });

  it('updates non-member attributes: Replace displayName', async () => {
    const group = await createGroup();
    const displayName = `${randomUUID()}updatedDisplayName`;
    const patched = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'displayName', value: displayName }],
    });
    expect([200, 204]).toContain(patched.status);
    expect((await byName(displayName)).body.Resources.map((g: any) => g.id)).toEqual([group.id]);
    // Its objectId as externalId, which a Technician Group has no place for: taken, not kept.
    const external = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'externalId', value: randomUUID() }],
    });
    expect([200, 204]).toContain(external.status);
  });

  it('adds and removes members with "$ref": null, as documented, and removes one by a filtered path with the flag', async () => {
    const group = await createGroup();
    const [ada, bob] = [await scim.newUser(), await scim.newUser()];
    for (const user of [ada, bob]) {
      const added = await scim.call('PATCH', `/Groups/${group.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: user.id }] }],
      });
      expect([200, 204]).toContain(added.status);
      expect(await groupOf(user.id)).toBe(group.id);
    }
    const read = await scim.call('GET', `/Groups/${group.id}`);
    expect(read.body.members.map((m: any) => m.value).sort()).toEqual([ada.id, bob.id].sort());

    const removed = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: ada.id }] }],
    });
    expect([200, 204]).toContain(removed.status);
    expect(await groupOf(ada.id)).toBe(scim.group.id);
    expect(await groupOf(bob.id)).toBe(group.id);

    const flagged = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: `members[value eq "${bob.id}"]` }],
    });
    expect([200, 204]).toContain(flagged.status);
    expect(await groupOf(bob.id)).toBe(scim.group.id);
    expect((await scim.call('GET', `/Groups/${group.id}`)).body.members).toEqual([]);
  });

  it('deletes a Group: 204, then 404', async () => {
    const group = await createGroup();
    expect((await scim.call('DELETE', `/Groups/${group.id}`)).status).toBe(204);
    expect((await scim.call('GET', `/Groups/${group.id}`)).status).toBe(404);
  });
});
