import { randomUUID } from 'node:crypto';
import { SCIM, ScimClient, scimClient } from '../../support/scim';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

/**
 * Okta's Group requests (Group Push), replayed one by one with the bodies of its documentation:
 * developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20 ("SCIM Group operations";
 * source: okta/okta-developer-docs, docs/reference/scim/scim-20): PATCH for OIN integrations,
 * PUT for those of the App Integration Wizard. Only ids are real ones; the effect is read back
 * (members are technicians moved into the group).
 */
describe('SCIM: Okta Groups, as documented', () => {
  let stack: Stack;
  let admin: string;
  let scim: ScimClient;

  beforeAll(async () => {
    const session = sharedSession<StackSession>();
    stack = session.stack;
    admin = session.token;
    scim = await scimClient(stack.api, admin, 'Okta groups (replay)');
  });

  const groupOf = async (id: string) =>
    (await stack.api.get(`/api/v1/technicians/${id}`, admin)).body.groupId;
  const nameOf = async (id: string) =>
    (await stack.api.get(`/api/v1/groups/${id}`, admin)).body.name;
  const membersOf = async (id: string) =>
    ((await scim.call('GET', `/Groups/${id}`)).body.members ?? [])
      .map((member: any) => member.value)
      .sort();

  /** "Create Groups" (request): a pushed group, with no members. */
  const pushGroup = async (displayName = `Test SCIMv2 ${randomUUID().slice(0, 8)}`) => {
    const created = await scim.call('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName,
      members: [],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      schemas: [SCIM.GROUP],
      id: expect.any(String),
      displayName,
      members: [],
      meta: { resourceType: 'Group' },
    });
    return created.body;
  };

  it('creates a Group with "members": [], retrieves it, and lists Groups page by page (startIndex=1&count=100)', async () => {
    const group = await pushGroup();
    const got = await scim.call('GET', `/Groups/${group.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: group.id, displayName: group.displayName, members: [] });

    const all = await scim.call('GET', '/Groups?startIndex=1&count=100');
    expect(all.status).toBe(200);
    const { totalResults, itemsPerPage, startIndex, Resources } = all.body;
    expect(totalResults).toBeGreaterThanOrEqual(2);
    expect(startIndex).toBe(1);
    expect(itemsPerPage).toBe(Math.min(100, totalResults));
    expect(Resources.map((g: any) => g.id)).toEqual(
      expect.arrayContaining([scim.group.id, group.id]),
    );
    const second = await scim.call('GET', '/Groups?startIndex=2&count=1');
    expect(second.body).toMatchObject({ totalResults, startIndex: 2, itemsPerPage: 1 });
    expect(second.body.Resources[0].id).toBe(Resources[1].id);
  });

  it('renames a Group by a path-less replace whose value holds its id (sent on every membership update too)', async () => {
    const group = await pushGroup();
    const displayName = `Test SCIMv20 ${randomUUID().slice(0, 8)}`;
    const renamed = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { id: group.id, displayName } }],
    });
    expect([200, 204]).toContain(renamed.status);
    expect(await nameOf(group.id)).toBe(displayName);
    // Sent again unchanged, as Okta does before a membership update: nothing changes.
    const again = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { id: group.id, displayName } }],
    });
    expect([200, 204]).toContain(again.status);
    expect(await nameOf(group.id)).toBe(displayName);
  });

  it('updates membership: a filtered remove with an add in one PATCH, then a replace of all members', async () => {
    const group = await pushGroup();
    const [ada, bob, cy] = [await scim.newUser(), await scim.newUser(), await scim.newUser()];
    const first = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'add', path: 'members', value: [{ value: ada.id, display: ada.userName }] },
      ],
    });
    expect([200, 204]).toContain(first.status);
    expect(await groupOf(ada.id)).toBe(group.id);

    const moved = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'remove', path: `members[value eq "${ada.id}"]` },
        { op: 'add', path: 'members', value: [{ value: bob.id, display: bob.userName }] },
      ],
    });
    expect([200, 204]).toContain(moved.status);
    expect(await membersOf(group.id)).toEqual([bob.id]);
    expect(await groupOf(ada.id)).toBe(scim.group.id);

    const replaced = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        {
          op: 'replace',
          path: 'members',
          value: [
            { value: ada.id, display: ada.userName },
            { value: cy.id, display: cy.userName },
          ],
        },
      ],
    });
    expect([200, 204]).toContain(replaced.status);
    expect(await membersOf(group.id)).toEqual([ada.id, cy.id].sort());
    expect(await groupOf(bob.id)).toBe(scim.group.id);
  });

  it('replaces a Group by PUT (App Integration Wizard): its name and its members', async () => {
    const group = await pushGroup();
    const [ada, bob] = [await scim.newUser(), await scim.newUser()];
    const displayName = `Test SCIMv2 AIW ${randomUUID().slice(0, 8)}`;
    const put = await scim.call('PUT', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: group.id,
      displayName,
      members: [
        { value: ada.id, display: ada.userName },
        { value: bob.id, display: bob.userName },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: group.id, displayName });
    expect(await nameOf(group.id)).toBe(displayName);
    expect(await membersOf(group.id)).toEqual([ada.id, bob.id].sort());

    const fewer = await scim.call('PUT', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: group.id,
      displayName,
      members: [{ value: bob.id, display: bob.userName }],
      meta: { resourceType: 'Group' },
    });
    expect(fewer.status).toBe(200);
    expect(await membersOf(group.id)).toEqual([bob.id]);
    expect(await groupOf(ada.id)).toBe(scim.group.id);
  });

  it("deletes a pushed Group: 204, its members back in the token's group", async () => {
    const group = await pushGroup();
    const user = await scim.newUser();
    await scim.call('PUT', `/Groups/${group.id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: group.id,
      displayName: group.displayName,
      members: [{ value: user.id }],
    });
    expect(await groupOf(user.id)).toBe(group.id);
    expect((await scim.call('DELETE', `/Groups/${group.id}`)).status).toBe(204);
    expect((await scim.call('GET', `/Groups/${group.id}`)).status).toBe(404);
    expect(await groupOf(user.id)).toBe(scim.group.id);
  });
});
