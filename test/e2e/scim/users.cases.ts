import { randomUUID } from 'node:crypto';
import { GOOD_PASSWORD, uniqueEmail } from '../../support/fixtures';
import { queryDatabase } from '../../support/databases';
import { DEFAULT_POLICY } from '../../support/password-policy';
import { SCIM, ScimClient, scimClient } from '../../support/scim';
import type { Stack } from '../../support/stack';
import { sharedSession } from '../../support/shared-session';
import type { StackSession } from '../../support/stack-session';

const { USER, ERROR, PATCH } = SCIM;

/**
 * SCIM 2.0 Users as Microsoft Entra ID and Okta send them (their documentation's requests),
 * against the whole stack, in a token's subtree (the tokens themselves: tokens.cases.ts).
 */
describe('SCIM: Users', () => {
  let stack: Stack;
  let admin: string;
  let client: ScimClient;
  let group: { id: string; name: string };
  let token: string;

  beforeAll(async () => {
    const session = sharedSession<StackSession>();
    stack = session.stack;
    admin = session.token;
    client = await scimClient(stack.api, admin, 'Entra ID');
    ({ group, token } = client);
  });

  const scim = (method: string, path: string, body?: unknown, bearer = token) =>
    client.call(method, path, body, bearer);

  it('answers Entra ID\'s "Test connection" (a filter on a random GUID, aadOptscim062020) with an empty list', async () => {
    const filter = encodeURIComponent(`userName eq "${randomUUID()}"`);
    const response = await scim('GET', `/Users?filter=${filter}&aadOptscim062020`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(response.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it("creates a User as Entra ID sends it (no password), in the token's group, and finds it by userName in any case", async () => {
    const userName = `Ada.${randomUUID().slice(0, 8)}@Example.com`;
    const created = await scim('POST', '/Users', {
      schemas: [USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: 'ada',
      userName,
      active: true,
      displayName: 'Ada Lovelace',
      emails: [{ primary: true, type: 'work', value: userName }],
      name: { formatted: 'Ada Lovelace', familyName: 'Lovelace', givenName: 'Ada' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName, displayName: 'Ada Lovelace', active: true });
    expect(created.headers.get('location')).toMatch(
      new RegExp(`/scim/v2/Users/${created.body.id}$`),
    );

    const technician = await stack.api.get(`/api/v1/technicians/${created.body.id}`, admin);
    expect(technician.body).toMatchObject({
      groupId: group.id,
      name: 'Ada Lovelace',
      email: userName,
    });

    const filter = encodeURIComponent(`userName eq "${userName.toUpperCase()}"`);
    const found = await scim('GET', `/Users?filter=${filter}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(created.body.id);

    const again = await scim('POST', '/Users', {
      schemas: [USER],
      userName: userName.toLowerCase(),
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
  });

  it('keeps externalId, emails and name exactly as sent, filters by externalId, and keeps them out of the REST API', async () => {
    const userName = `Alan.${randomUUID().slice(0, 8)}@Example.com`;
    const externalId = `0d7f${randomUUID()}`;
    const emails = [
      { primary: true, type: 'work', value: userName },
      {
        type: 'other',
        value: `Alan.Home.${randomUUID().slice(0, 4)}@Example.org`,
        display: 'Home',
      },
    ];
    const name = {
      formatted: 'Dr. Alan Turing',
      familyName: 'Turing',
      givenName: 'Alan',
      honorificPrefix: 'Dr.',
    };
    const created = await scim('POST', '/Users', {
      schemas: [USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId,
      userName,
      active: true,
      displayName: 'Alan Turing',
      emails,
      name,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const user of [created.body, (await scim('GET', `/Users/${id}`)).body]) {
      expect(user).toMatchObject({ externalId, userName, emails, name });
      expect(user.emails).toEqual(emails);
      expect(user.name).toEqual(name);
    }
    // Not unique: a second User may carry the same externalId; both are found by it.
    const twin = await scim('POST', '/Users', {
      schemas: [USER],
      externalId,
      userName: uniqueEmail('twin'),
    });
    expect(twin.status).toBe(201);
    const byExternalId = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent(`externalId eq "${externalId}"`)}`,
    );
    expect(byExternalId.body.Resources.map((user: any) => user.id).sort()).toEqual(
      [id, twin.body.id].sort(),
    );
    const byEmail = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent(`emails.value co "alan.home."`)}`,
    );
    expect(byEmail.body.Resources.map((user: any) => user.id)).toEqual([id]);

    // Entra ID changes one email by a filtered path; the other and the name stay as they were.
    const changed = `Alan.Work.${randomUUID().slice(0, 4)}@Example.com`;
    const patched = await scim('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'emails[type eq "work"].value', value: changed }],
    });
    expect(patched.status).toBe(200);
    const read = (await scim('GET', `/Users/${id}`)).body;
    expect(read.emails).toEqual([{ ...emails[0], value: changed }, emails[1]]);
    expect(read).toMatchObject({ userName, externalId, name });

    // Okta's PUT replaces the whole User: what it leaves out is gone.
    const put = await scim('PUT', `/Users/${id}`, {
      schemas: [USER],
      id,
      userName,
      displayName: 'Alan Turing',
    });
    expect(put.status).toBe(200);
    const replaced = (await scim('GET', `/Users/${id}`)).body;
    expect(replaced.externalId).toBeUndefined();
    expect(replaced.emails).toEqual([{ value: userName, type: 'work', primary: true }]);

    // The directory's attributes are the SCIM view's: the REST API shows the technician only.
    const technician = await stack.api.get(`/api/v1/technicians/${id}`, admin);
    expect(technician.body).not.toHaveProperty('directory');
    expect(technician.body).not.toHaveProperty('externalId');
  });

  it('creates a User sent without a password, under any policy, with no password at all until an administrator sets one', async () => {
    const strictest = { ...DEFAULT_POLICY, minimumStrength: 'excellent', minLength: 128 };
    const put = (body: unknown) =>
      stack.api.request('PUT', '/api/v1/settings/password-policy', { body, token: admin });
    expect((await put(strictest)).status).toBe(200);
    let userName: string;
    let id: string;
    try {
      userName = uniqueEmail('entra-nopassword');
      const created = await scim('POST', '/Users', { schemas: [USER], userName, active: true });
      expect(created.status).toBe(201);
      id = created.body.id;
    } finally {
      expect((await put(DEFAULT_POLICY)).status).toBe(200);
    }
    // Identity keeps a credential without a hash: nothing was made up and hashed.
    const [credential] = await queryDatabase<{
      password_hash: string | null;
      revoked_at: Date | null;
    }>(
      stack.env.databases.identity,
      'SELECT password_hash, revoked_at FROM credentials WHERE account_id = $1',
      [id],
    );
    expect(credential).toEqual({ password_hash: null, revoked_at: null });
    const login = () =>
      stack.api.post('/api/v1/auth/login', { email: userName, password: GOOD_PASSWORD });
    expect((await login()).status).toBe(401);

    const set = await stack.api.post(
      `/api/v1/technicians/${id}/password`,
      { password: GOOD_PASSWORD },
      admin,
    );
    expect(set.status).toBeLessThan(300);
    expect((await login()).status).toBe(200);
  });

  it('disables a User by Entra ID\'s Replace active "False" and by Okta\'s path-less replace', async () => {
    const user = await client.newUser();
    const entra = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(entra.status).toBe(200);
    expect(entra.body.active).toBe(false);
    const enabled = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: true, 'name.givenName': 'Grace' } }],
    });
    expect(enabled.body.active).toBe(true);
    const okta = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(okta.body.active).toBe(false);
    const technician = await stack.api.get(`/api/v1/technicians/${user.id}`, admin);
    expect(technician.body.enabled).toBe(false);
  });

  it("takes Okta's PUT of a profile and its password under the policy (a refused one is 400 invalidValue)", async () => {
    const userName = uniqueEmail('okta');
    const weak = await scim('POST', '/Users', { schemas: [USER], userName, password: 'a' });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(weak.body.detail).toMatch(/password/i);

    const created = await scim('POST', '/Users', {
      schemas: [USER],
      userName,
      name: { givenName: 'Grace', familyName: 'Hopper' },
      password: GOOD_PASSWORD,
      active: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.displayName).toBe('Grace Hopper');
    expect(created.text).not.toContain(GOOD_PASSWORD);
    const put = await scim('PUT', `/Users/${created.body.id}`, {
      schemas: [USER],
      id: created.body.id,
      userName,
      name: { givenName: 'Grace', familyName: 'Brewster Hopper' },
      active: true,
    });
    expect(put.status).toBe(200);
    expect(put.body.displayName).toBe('Grace Brewster Hopper');
    await expect(stack.api.login(userName, GOOD_PASSWORD)).resolves.toEqual(expect.any(String));
  });

  it('answers 404 for a malformed id, never a 400 about UUIDs, and deletes a User', async () => {
    const malformed = await scim('GET', '/Users/not-a-uuid');
    expect(malformed.status).toBe(404);
    expect(malformed.body).toMatchObject({ schemas: [ERROR], status: '404' });
    const user = await client.newUser();
    expect((await scim('DELETE', `/Users/${user.id}`)).status).toBe(204);
    expect((await scim('GET', `/Users/${user.id}`)).status).toBe(404);
  });

  it('refuses a filter it cannot read with 400 invalidFilter', async () => {
    const response = await scim('GET', `/Users?filter=${encodeURIComponent('userName zz "a"')}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      schemas: [ERROR],
      status: '400',
      scimType: 'invalidFilter',
    });
  });

  it('describes itself: ServiceProviderConfig, ResourceTypes (User first) and Schemas', async () => {
    const config = await scim('GET', '/ServiceProviderConfig');
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    const types = await scim('GET', '/ResourceTypes');
    expect(types.body.Resources[0]).toMatchObject({ id: 'User', endpoint: '/Users' });
    const schemas = await scim('GET', '/Schemas');
    expect(schemas.body.Resources.map((s: any) => s.id)).toContain(USER);
  });
});
