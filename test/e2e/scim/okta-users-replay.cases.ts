import { GOOD_PASSWORD, uniqueEmail } from '../../support/fixtures';
import { SCIM, ScimClient, scimClient } from '../../support/scim';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

/**
 * Okta's User requests, replayed one by one with the bodies of its documentation:
 * developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20 ("SCIM User operations";
 * source: okta/okta-developer-docs, docs/reference/scim/scim-20). Only ids are real ones, the
 * userName is unique, and the password is one that any policy of the organization accepts,
 * in place of the documentation's "1mz050nq" (a refused one is 400 invalidValue:
 * users.cases.ts). The effect is read back.
 */
describe('SCIM: Okta Users, as documented', () => {
  let stack: Stack;
  let admin: string;
  let scim: ScimClient;

  beforeAll(async () => {
    const session = sharedSession<StackSession>();
    stack = session.stack;
    admin = session.token;
    scim = await scimClient(stack.api, admin, 'Okta (replay)');
  });

  const technician = async (id: string) =>
    (await stack.api.get(`/api/v1/technicians/${id}`, admin)).body;

  /** "Create the User" (request): the whole profile Okta sends. */
  const createUser = async (userName = uniqueEmail('test.user')) => {
    const created = await scim.call('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: GOOD_PASSWORD,
      active: true,
    });
    return { created, userName };
  };

  it('looks a User up (startIndex=1&count=100) before creating it with its whole profile; the second create is 409', async () => {
    const userName = uniqueEmail('test.user');
    const lookup = () =>
      scim.call(
        'GET',
        `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`,
      );
    const before = await lookup();
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      schemas: [SCIM.LIST],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });

    const { created } = await createUser(userName);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      userName,
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Test User',
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
      meta: { resourceType: 'User' },
    });
    expect(created.text).not.toContain(GOOD_PASSWORD);
    expect(await technician(created.body.id)).toMatchObject({
      name: 'Test User',
      email: userName,
      enabled: true,
      groupId: scim.group.id,
    });
    await expect(stack.api.login(userName, GOOD_PASSWORD)).resolves.toEqual(expect.any(String));

    const after = await lookup();
    expect(after.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(after.body.Resources.map((user: any) => user.id)).toEqual([created.body.id]);

    const again = await createUser(userName);
    expect(again.created.status).toBe(409);
    expect(again.created.body).toMatchObject({ schemas: [SCIM.ERROR], status: '409' });
  });

  it('retrieves Users page by page (startIndex, count=100), in the same order whatever the page', async () => {
    for (let i = 0; i < 3; i += 1) expect((await createUser()).created.status).toBe(201);
    const all = await scim.call('GET', '/Users?startIndex=1&count=100');
    expect(all.status).toBe(200);
    const { totalResults, itemsPerPage, startIndex, Resources } = all.body;
    expect(totalResults).toBeGreaterThanOrEqual(3);
    expect(startIndex).toBe(1);
    expect(itemsPerPage).toBe(Math.min(100, totalResults));
    expect(Resources).toHaveLength(itemsPerPage);
    const ids = Resources.map((user: any) => user.id);

    const second = await scim.call('GET', '/Users?startIndex=2&count=1');
    expect(second.body).toMatchObject({ totalResults, startIndex: 2, itemsPerPage: 1 });
    expect(second.body.Resources.map((user: any) => user.id)).toEqual([ids[1]]);
    const past = await scim.call('GET', `/Users?startIndex=${totalResults + 1}&count=100`);
    expect(past.body).toMatchObject({ totalResults, itemsPerPage: 0, Resources: [] });
  });

  it('updates a User by reading it and PUTting back what it read, with a changed name, groups: [] and meta', async () => {
    const { created, userName } = await createUser();
    const { id } = created.body;
    const read = await scim.call('GET', `/Users/${id}`);
    expect(read.status).toBe(200);
    const put = await scim.call('PUT', `/Users/${id}`, {
      ...read.body,
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      name: { ...read.body.name, givenName: 'Another', middleName: 'Excited' },
      groups: [],
      meta: { resourceType: 'User' },
    });
    expect(put.status).toBe(200);
    const expected = {
      id,
      userName,
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      active: true,
    };
    expect(put.body).toMatchObject(expected);
    expect((await scim.call('GET', `/Users/${id}`)).body).toMatchObject(expected);
    // What Okta read back is what it wrote: nothing for it to "correct" on the next cycle.
    expect((await scim.call('GET', `/Users/${id}`)).body.externalId).toBe('00ujl29u0le5T6Aj10h7');

    // The documented body itself (no displayName, a middleName of "" and a display email).
    const documented = await scim.call('PUT', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id,
      userName,
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: [{ primary: true, value: userName, type: 'work', display: userName }],
      active: true,
      groups: [],
      meta: { resourceType: 'User' },
    });
    expect(documented.status).toBe(200);
    expect((await technician(id)).name).toBe('Another User');
  });

  it('deactivates a User by PUT active:false (AIW apps) and by the documented PATCH; it is still returned', async () => {
    const { created, userName } = await createUser();
    const { id } = created.body;
    const put = await scim.call('PUT', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id,
      userName,
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      active: false,
      groups: [],
      meta: { resourceType: 'User' },
    });
    expect(put.status).toBe(200);
    expect(put.body.active).toBe(false);
    expect((await technician(id)).enabled).toBe(false);

    const reactivated = await scim.call('PUT', `/Users/${id}`, { ...put.body, active: true });
    expect(reactivated.status).toBe(200);
    expect((await technician(id)).enabled).toBe(true);

    const patched = await scim.call('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect([200, 204]).toContain(patched.status);
    expect((await technician(id)).enabled).toBe(false);
    const got = await scim.call('GET', `/Users/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, active: false, name: { givenName: 'Test' } });
  });
});
