import { randomUUID } from 'node:crypto';
import { createGroup } from '../../support/fixtures';
import { SCIM, ScimClient, scimClient } from '../../support/scim';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

/**
 * SCIM Groups as Technician Groups, as Entra ID and Okta send them: a group made by an
 * administrator found by displayName, members that move technicians, one bad member that
 * fails nothing, and deletes that keep what the group held.
 */
describe('SCIM: Groups', () => {
  let stack: Stack;
  let admin: string;
  let scim: ScimClient;

  beforeAll(async () => {
    const session = sharedSession<StackSession>();
    stack = session.stack;
    admin = session.token;
    scim = await scimClient(stack.api, admin, 'Entra ID');
  });

  const technician = async (id: string) =>
    (await stack.api.get(`/api/v1/technicians/${id}`, admin)).body;

  it('finds a group an administrator made beforehand by displayName, as Entra ID matches it', async () => {
    const name = `Tier 2 ${randomUUID().slice(0, 6)}`;
    const made = await createGroup(stack.api, admin, { name, parentId: scim.group.id });
    const filter = encodeURIComponent(`displayName eq "${name.toUpperCase()}"`);
    const found = await scim.call('GET', `/Groups?filter=${filter}&excludedAttributes=members`);
    expect(found.status).toBe(200);
    expect(found.body.Resources).toEqual([
      expect.objectContaining({ id: made.id, displayName: name, schemas: [SCIM.GROUP] }),
    ]);
    expect(found.body.Resources[0].members).toBeUndefined();
  });

  it("creates a sub-group of the token's group with members, and refuses a displayName it sees already (409 uniqueness)", async () => {
    const user = await scim.newUser();
    const displayName = `Support ${randomUUID().slice(0, 6)}`;
    const created = await scim.call('POST', '/Groups', {
      schemas: [SCIM.GROUP],
      displayName,
      members: [{ value: user.id }],
    });
    expect(created.status).toBe(201);
    expect(created.body.members).toEqual([expect.objectContaining({ value: user.id })]);
    const group = (await stack.api.get(`/api/v1/groups/${created.body.id}`, admin)).body;
    expect(group.parentId).toBe(scim.group.id);
    expect((await technician(user.id)).groupId).toBe(created.body.id);

    const again = await scim.call('POST', '/Groups', {
      schemas: [SCIM.GROUP],
      displayName: displayName.toLowerCase(),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      schemas: [SCIM.ERROR],
      status: '409',
      scimType: 'uniqueness',
    });
  });

  it('makes one group of a displayName however many directories create or rename to it at once (the race, 20 times)', async () => {
    const renamed = await scim.call('POST', '/Groups', {
      schemas: [SCIM.GROUP],
      displayName: `Spare ${randomUUID().slice(0, 6)}`,
    });
    expect(renamed.status).toBe(201);
    for (let round = 0; round < 20; round += 1) {
      const displayName = `Race ${round} ${randomUUID().slice(0, 6)}`;
      const answers = await Promise.all([
        scim.call('POST', '/Groups', { schemas: [SCIM.GROUP], displayName }),
        scim.call('POST', '/Groups', {
          schemas: [SCIM.GROUP],
          displayName: displayName.toUpperCase(),
        }),
        scim.call('PATCH', `/Groups/${renamed.body.id}`, {
          schemas: [SCIM.PATCH],
          Operations: [{ op: 'Replace', path: 'displayName', value: ` ${displayName} ` }],
        }),
      ]);
      const statuses = answers.map((answer) => answer.status);
      expect({ round, ok: statuses.filter((s) => s < 300).length }).toEqual({ round, ok: 1 });
      for (const answer of answers.filter((a) => a.status >= 300))
        expect({ round, body: answer.body }).toMatchObject({
          round,
          body: { status: '409', scimType: 'uniqueness' },
        });
      const filter = encodeURIComponent(`displayName eq "${displayName}"`);
      const found = await scim.call('GET', `/Groups?filter=${filter}`);
      expect({ round, found: found.body.totalResults }).toEqual({ round, found: 1 });
    }
  });

  it('adds and removes members as Entra ID does, with aadOptscim062020 and without, moving technicians; one bad member fails nothing', async () => {
    const group = (
      await scim.call('POST', '/Groups', {
        schemas: [SCIM.GROUP],
        displayName: `Field ${randomUUID().slice(0, 6)}`,
      })
    ).body;
    const [ada, bob] = [await scim.newUser(), await scim.newUser()];
    const added = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: [SCIM.PATCH],
      Operations: [
        {
          op: 'Add',
          path: 'members',
          value: [{ value: ada.id }, { value: randomUUID() }, { value: bob.id }],
        },
      ],
    });
    expect(added.status).toBe(200);
    expect(added.body.members.map((m: any) => m.value).sort()).toEqual([ada.id, bob.id].sort());
    expect((await technician(bob.id)).groupId).toBe(group.id);

    const removed = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: [SCIM.PATCH],
      Operations: [{ op: 'Remove', path: `members[value eq "${ada.id}"]` }],
    });
    expect(removed.body.members.map((m: any) => m.value)).toEqual([bob.id]);
    expect((await technician(ada.id)).groupId).toBe(scim.group.id);

    // Entra ID without aadOptscim062020 names the members to remove in `value`, beside one
    // that is no longer there.
    const readded = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: [SCIM.PATCH],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: ada.id }] }],
    });
    expect(readded.body.members).toHaveLength(2);
    const removedByValue = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: [SCIM.PATCH],
      Operations: [
        { op: 'Remove', path: 'members', value: [{ value: randomUUID() }, { value: ada.id }] },
      ],
    });
    expect(removedByValue.status).toBe(200);
    expect(removedByValue.body.members.map((m: any) => m.value)).toEqual([bob.id]);
    expect((await technician(ada.id)).groupId).toBe(scim.group.id);
    expect((await technician(bob.id)).groupId).toBe(group.id);

    const renamed = await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: [SCIM.PATCH],
      Operations: [{ op: 'Replace', path: 'displayName', value: `${group.displayName} (renamed)` }],
    });
    expect(renamed.body.displayName).toBe(`${group.displayName} (renamed)`);
  });

  it("deletes a group, its technicians and sub-groups moved to the token's group; the token's own group is 400 mutability", async () => {
    const group = (
      await scim.call('POST', '/Groups', {
        schemas: [SCIM.GROUP],
        displayName: `Gone ${randomUUID().slice(0, 6)}`,
      })
    ).body;
    const sub = await createGroup(stack.api, admin, {
      name: `Below ${randomUUID().slice(0, 6)}`,
      parentId: group.id,
    });
    const user = await scim.newUser();
    await scim.call('PATCH', `/Groups/${group.id}`, {
      schemas: [SCIM.PATCH],
      Operations: [{ op: 'add', value: { members: [{ value: user.id }] } }],
    });
    expect((await technician(user.id)).groupId).toBe(group.id);

    expect((await scim.call('DELETE', `/Groups/${group.id}`)).status).toBe(204);
    expect((await scim.call('GET', `/Groups/${group.id}`)).status).toBe(404);
    expect((await technician(user.id)).groupId).toBe(scim.group.id);
    expect((await stack.api.get(`/api/v1/groups/${sub.id}`, admin)).body.parentId).toBe(
      scim.group.id,
    );

    const own = await scim.call('DELETE', `/Groups/${scim.group.id}`);
    expect(own.status).toBe(400);
    expect(own.body).toMatchObject({ status: '400', scimType: 'mutability' });
  });

  it("shows no group outside the token's subtree", async () => {
    const outside = await createGroup(stack.api, admin, {
      name: `Outside ${randomUUID().slice(0, 6)}`,
    });
    expect((await scim.call('GET', `/Groups/${outside.id}`)).status).toBe(404);
    const listed = await scim.call('GET', '/Groups?excludedAttributes=members');
    expect(listed.body.Resources.map((g: any) => g.id)).not.toContain(outside.id);
    expect(listed.body.Resources[0].id).toBe(scim.group.id);
    expect((await scim.call('GET', '/Groups/not-a-uuid')).status).toBe(404);
  });
});
