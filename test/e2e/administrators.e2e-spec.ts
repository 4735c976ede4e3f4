import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../support/api-client';
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
import { expectProblem } from '../support/problems';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Administrators (spec section 3: GET/POST /administrators, PATCH /administrators/:id)', () => {
  let stack: Stack;
  let master: string;

  beforeAll(async () => {
    stack = await Stack.start('administrators');
    master = await stack.adminToken();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Signs in with `password`, changes it to `newPassword` (204) and returns a token of the new sign-in. */
  async function changePassword(
    email: string,
    password: string,
    newPassword: string,
  ): Promise<string> {
    const first = await stack.api.login(email, password);
    const change = await stack.api.post(
      '/api/v1/auth/change-password',
      { currentPassword: password, newPassword },
      first,
    );
    expect(change.status).toBe(204);
    return stack.api.login(email, newPassword);
  }

  /** A further organization whose only account is its Master Administrator (through the org:create CLI). */
  async function anotherOrganization(): Promise<{
    organizationId: string;
    administratorId: string;
    email: string;
    password: string;
    token: string;
  }> {
    const email = uniqueEmail('master');
    const reply = await createOrganization(
      stack,
      `Organization ${randomUUID()}`,
      email,
      GOOD_PASSWORD,
    );
    const password = 'Org-Master-Pass-8';
    const token = await changePassword(email, GOOD_PASSWORD, password);
    return { ...reply, email, password, token };
  }

  async function listAll(token: string): Promise<any[]> {
    const response = await stack.api.get('/api/v1/administrators?limit=200', token);
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items as any[];
  }

  function patch(id: string, body: unknown, token = master): Promise<ApiResponse> {
    return stack.api.request('PATCH', `/api/v1/administrators/${id}`, { body, token });
  }

  function expectFieldNamed(response: ApiResponse, field: string): void {
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  }

  describe('who may call them', () => {
    it('answers 401 UNAUTHENTICATED without a token', async () => {
      const response = await stack.api.get('/api/v1/administrators');
      expectProblem(response, 401, 'UNAUTHENTICATED');
    });

    it('answers 403 FORBIDDEN to an Administrator, since only a Master Administrator manages administrators', async () => {
      const group = await createGroup(stack.api, master);
      const admin = await createAdministrator(stack.api, master, { groupIds: [group.id] });
      const token = await signInChangingPassword(stack.api, admin.email, admin.password);

      expectProblem(await stack.api.get('/api/v1/administrators', token), 403, 'FORBIDDEN');
      expectProblem(
        await stack.api.post(
          '/api/v1/administrators',
          { name: 'X', email: uniqueEmail(), password: GOOD_PASSWORD, role: 'admin', groupIds: [] },
          token,
        ),
        403,
        'FORBIDDEN',
      );
      expectProblem(await patch(admin.id, { name: 'Self promoted' }, token), 403, 'FORBIDDEN');
    });

    it('answers 403 FORBIDDEN to a technician', async () => {
      const group = await createGroup(stack.api, master);
      const technician = await createTechnician(stack.api, master, group.id);
      const token = await signInChangingPassword(stack.api, technician.email, technician.password);

      expectProblem(await stack.api.get('/api/v1/administrators', token), 403, 'FORBIDDEN');
    });
  });

  describe('GET /administrators', () => {
    it('answers 200 {items, nextCursor} including the bootstrap Master Administrator with role master_admin and no groups', async () => {
      const response = await stack.api.get('/api/v1/administrators', master);

      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['items', 'nextCursor']);
      expect(response.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            id: expect.stringMatching(UUID),
            organizationId: expect.stringMatching(UUID),
            email: stack.adminEmail,
            role: 'master_admin',
            groupIds: [],
            enabled: true,
          }),
        ]),
      );
      expect(response.text).not.toContain(stack.adminPassword);
      expect(response.text).not.toMatch(/"password"|passwordHash|\$argon2/);
    });

    it('pages with limit and cursor: every administrator once, no page larger than the limit', async () => {
      await Promise.all(
        [1, 2, 3, 4].map((n) =>
          createAdministrator(stack.api, master, { name: `Paging Administrator ${n}` }),
        ),
      );
      const everyone = await listAll(master);
      expect(everyone.length).toBeGreaterThanOrEqual(5);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
        const page = await stack.api.get(`/api/v1/administrators?${query}`, master);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item: any) => item.id as string));
        cursor = page.body.nextCursor as string | null;
        pages += 1;
        expect(pages).toBeLessThanOrEqual(everyone.length);
      } while (cursor);

      expect(pages).toBe(Math.ceil(everyone.length / 2));
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(everyone.map((item) => item.id));
    });

    it('answers 400 VALIDATION_FAILED naming limit for a limit out of range, and cursor for a made-up cursor', async () => {
      expectFieldNamed(await stack.api.get('/api/v1/administrators?limit=0', master), 'limit');
      expectFieldNamed(await stack.api.get('/api/v1/administrators?limit=201', master), 'limit');
      expectFieldNamed(
        await stack.api.get('/api/v1/administrators?cursor=not-a-cursor', master),
        'cursor',
      );
    });
  });

  describe('POST /administrators', () => {
    it('creates an Administrator with its groups (201) and lists it', async () => {
      const [first, second] = await Promise.all([
        createGroup(stack.api, master),
        createGroup(stack.api, master),
      ]);
      const email = uniqueEmail('admin');
      const response = await stack.api.post(
        '/api/v1/administrators',
        {
          name: 'Ada Administrator',
          email,
          password: GOOD_PASSWORD,
          role: 'admin',
          groupIds: [first.id, second.id],
        },
        master,
      );

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(UUID),
        name: 'Ada Administrator',
        email,
        role: 'admin',
        enabled: true,
        mustChangePassword: true,
      });
      expect([...response.body.groupIds].sort()).toEqual([first.id, second.id].sort());
      expect(response.text).not.toContain(GOOD_PASSWORD);

      const listed = (await listAll(master)).find((item) => item.id === response.body.id);
      expect(listed).toMatchObject({ name: 'Ada Administrator', email, role: 'admin' });
      expect([...listed.groupIds].sort()).toEqual([first.id, second.id].sort());
    });

    it('creates a Master Administrator (201), who may then manage administrators', async () => {
      const email = uniqueEmail('master');
      const response = await stack.api.post(
        '/api/v1/administrators',
        {
          name: 'Second Master',
          email,
          password: GOOD_PASSWORD,
          role: 'master_admin',
          groupIds: [],
        },
        master,
      );

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.stringMatching(UUID),
        email,
        role: 'master_admin',
        groupIds: [],
        enabled: true,
      });

      const token = await signInChangingPassword(stack.api, email, GOOD_PASSWORD);
      const list = await stack.api.get('/api/v1/administrators', token);
      expect(list.status).toBe(200);
    });

    it('signs the new administrator in with mustChangePassword true; until it changes its password only /me and /auth/change-password work', async () => {
      const group = await createGroup(stack.api, master);
      const admin = await createAdministrator(stack.api, master, { groupIds: [group.id] });

      const login = await stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ role: 'admin', mustChangePassword: true });
      const firstToken = login.body.accessToken as string;
      expectProblem(
        await stack.api.get('/api/v1/groups', firstToken),
        403,
        'PASSWORD_CHANGE_REQUIRED',
      );
      const me = await stack.api.get('/api/v1/me', firstToken);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        role: 'admin',
        email: admin.email,
        mustChangePassword: true,
      });

      const token = await signInChangingPassword(stack.api, admin.email, admin.password);
      const groups = await stack.api.get('/api/v1/groups', token);
      expect(groups.status).toBe(200);
      expect(groups.body.groups.map((g: any) => g.id)).toEqual([group.id]);
    });

    it.each([
      ['the same email', (email: string) => email],
      ['the same email in another case', (email: string) => email.toUpperCase()],
    ])('answers 409 EMAIL_TAKEN for %s as an existing administrator', async (_, variant) => {
      const existing = await createAdministrator(stack.api, master);
      const response = await stack.api.post(
        '/api/v1/administrators',
        {
          name: 'Duplicate',
          email: variant(existing.email as string),
          password: GOOD_PASSWORD,
          role: 'admin',
          groupIds: [],
        },
        master,
      );
      expectProblem(response, 409, 'EMAIL_TAKEN');
    });

    it("answers 409 EMAIL_TAKEN for the bootstrap Master Administrator's email and for a technician's email", async () => {
      const group = await createGroup(stack.api, master);
      const technician = await createTechnician(stack.api, master, group.id);

      for (const email of [stack.adminEmail.toUpperCase(), technician.email as string]) {
        const response = await stack.api.post(
          '/api/v1/administrators',
          { name: 'Duplicate', email, password: GOOD_PASSWORD, role: 'admin', groupIds: [] },
          master,
        );
        expectProblem(response, 409, 'EMAIL_TAKEN');
      }
    });

    it('answers 404 GROUP_NOT_FOUND for a group id that does not exist, and creates nothing', async () => {
      const group = await createGroup(stack.api, master);
      const email = uniqueEmail('admin');
      const response = await stack.api.post(
        '/api/v1/administrators',
        {
          name: 'Lost',
          email,
          password: GOOD_PASSWORD,
          role: 'admin',
          groupIds: [group.id, randomUUID()],
        },
        master,
      );

      expectProblem(response, 404, 'GROUP_NOT_FOUND');
      expect((await listAll(master)).map((item) => item.email)).not.toContain(email);
    });

    const valid = () => ({
      name: 'Valid Name',
      email: uniqueEmail('admin'),
      password: GOOD_PASSWORD,
      role: 'admin',
      groupIds: [] as unknown[],
    });
    it.each([
      ['role', 'an unknown role', () => ({ ...valid(), role: 'owner' })],
      ['role', 'a missing role', () => ({ ...valid(), role: undefined })],
      ['groupIds', 'a group id that is not a UUID', () => ({ ...valid(), groupIds: ['nope'] })],
      ['groupIds', 'groupIds that is not a list', () => ({ ...valid(), groupIds: 'all' })],
      ['name', 'a missing name', () => ({ ...valid(), name: undefined })],
      ['name', 'a blank name', () => ({ ...valid(), name: '   ' })],
      ['email', 'a missing email', () => ({ ...valid(), email: undefined })],
      ['email', 'an invalid email', () => ({ ...valid(), email: 'not-an-email' })],
      ['password', 'a missing password', () => ({ ...valid(), password: undefined })],
      ['password', 'a password that is not a string', () => ({ ...valid(), password: 12345678 })],
      ['unexpected', 'an unknown field', () => ({ ...valid(), unexpected: true })],
    ])('answers 400 VALIDATION_FAILED naming %s for %s', async (field, _, body) => {
      const response = await stack.api.post('/api/v1/administrators', body(), master);
      expectFieldNamed(response, field);
    });

    it('answers 422 PASSWORD_POLICY for a weak password, one entry per rule broken, and creates nothing', async () => {
      const email = uniqueEmail('weak');
      const response = await stack.api.post(
        '/api/v1/administrators',
        { name: 'Weak', email, password: 'abc', role: 'admin', groupIds: [] },
        master,
      );

      expectProblem(response, 422, 'PASSWORD_POLICY');
      const codes = (response.body.errors as any[]).map((e) => e.code as string);
      expect(codes).toEqual(
        expect.arrayContaining(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_FEW_CHARACTER_TYPES']),
      );
      expect(new Set(codes).size).toBe(codes.length);
      expect(response.body.errors.every((e: any) => e.field === 'password')).toBe(true);

      // Nothing was created: the email is still free.
      expect((await listAll(master)).map((item) => item.email)).not.toContain(email);
      const again = await stack.api.post(
        '/api/v1/administrators',
        { name: 'Weak', email, password: GOOD_PASSWORD, role: 'admin', groupIds: [] },
        master,
      );
      expect(again.status).toBe(201);
    });
  });

  describe('PATCH /administrators/:id', () => {
    it('changes name, email and groupIds, shown in the answer and in GET; the new email signs in', async () => {
      const [before, after] = await Promise.all([
        createGroup(stack.api, master),
        createGroup(stack.api, master),
      ]);
      const admin = await createAdministrator(stack.api, master, { groupIds: [before.id] });
      const email = uniqueEmail('renamed');

      const response = await patch(admin.id, {
        name: 'Renamed Administrator',
        email,
        groupIds: [after.id],
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: admin.id,
        name: 'Renamed Administrator',
        email,
        role: 'admin',
        groupIds: [after.id],
        enabled: true,
      });
      expect((await listAll(master)).find((item) => item.id === admin.id)).toMatchObject({
        name: 'Renamed Administrator',
        email,
        role: 'admin',
        groupIds: [after.id],
      });

      const token = await signInChangingPassword(stack.api, email, admin.password);
      const groups = await stack.api.get('/api/v1/groups', token);
      expect(groups.body.groups.map((g: any) => g.id)).toEqual([after.id]);
      expectProblem(
        await stack.api.post('/api/v1/auth/login', {
          email: admin.email,
          password: admin.password,
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('changes the role both ways: a Master Administrator has no groups, an Administrator gets the groups given', async () => {
      const group = await createGroup(stack.api, master);
      const admin = await createAdministrator(stack.api, master, { groupIds: [group.id] });

      const promoted = await patch(admin.id, { role: 'master_admin' });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ id: admin.id, role: 'master_admin', groupIds: [] });
      expect((await listAll(master)).find((item) => item.id === admin.id)).toMatchObject({
        role: 'master_admin',
        groupIds: [],
      });
      const login = await stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(login.body.role).toBe('master_admin');

      const demoted = await patch(admin.id, { role: 'admin', groupIds: [group.id] });
      expect(demoted.status).toBe(200);
      expect(demoted.body).toMatchObject({ id: admin.id, role: 'admin', groupIds: [group.id] });
      expect((await listAll(master)).find((item) => item.id === admin.id)).toMatchObject({
        role: 'admin',
        groupIds: [group.id],
      });
    });

    it('sets a new password that the administrator must change; the old one no longer signs in', async () => {
      const admin = await createAdministrator(stack.api, master);
      const ownPassword = 'Chosen-By-Owner-5';
      await changePassword(admin.email, admin.password, ownPassword);
      const newPassword = 'Reset-By-Master-7';

      const response = await patch(admin.id, { password: newPassword });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: admin.id, mustChangePassword: true });
      expect(response.text).not.toContain(newPassword);
      const login = await stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: newPassword,
      });
      expect(login.status).toBe(200);
      expect(login.body.mustChangePassword).toBe(true);
      expectProblem(
        await stack.api.post('/api/v1/auth/login', {
          email: admin.email,
          password: ownPassword,
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('answers 422 PASSWORD_POLICY for a weak new password and keeps the old one', async () => {
      const admin = await createAdministrator(stack.api, master);

      const response = await patch(admin.id, { password: 'password' });

      expectProblem(response, 422, 'PASSWORD_POLICY');
      const login = await stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(login.status).toBe(200);
    });

    it('disables: the correct password then answers 403 ACCOUNT_DISABLED; enabling again lets it sign in', async () => {
      const admin = await createAdministrator(stack.api, master);

      const disabled = await patch(admin.id, { enabled: false });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id: admin.id, enabled: false });
      expect((await listAll(master)).find((item) => item.id === admin.id)).toMatchObject({
        enabled: false,
      });
      expectProblem(
        await stack.api.post('/api/v1/auth/login', {
          email: admin.email,
          password: admin.password,
        }),
        403,
        'ACCOUNT_DISABLED',
      );
      expectProblem(
        await stack.api.post('/api/v1/auth/login', {
          email: admin.email,
          password: 'Wrong-Password-1',
        }),
        401,
        'INVALID_CREDENTIALS',
      );

      const enabled = await patch(admin.id, { enabled: true });
      expect(enabled.status).toBe(200);
      const login = await stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(login.status).toBe(200);
    });

    it('answers 409 EMAIL_TAKEN for an email in use (any case) and changes nothing', async () => {
      const [admin, other] = await Promise.all([
        createAdministrator(stack.api, master),
        createAdministrator(stack.api, master),
      ]);

      const response = await patch(admin.id, {
        name: 'Should Not Stick',
        email: (other.email as string).toUpperCase(),
      });

      expectProblem(response, 409, 'EMAIL_TAKEN');
      expect((await listAll(master)).find((item) => item.id === admin.id)).toMatchObject({
        name: admin.name,
        email: admin.email,
      });
    });

    it('answers 404 ADMINISTRATOR_NOT_FOUND for an unknown id and for a technician id', async () => {
      const group = await createGroup(stack.api, master);
      const technician = await createTechnician(stack.api, master, group.id);

      expectProblem(await patch(randomUUID(), { name: 'Nobody' }), 404, 'ADMINISTRATOR_NOT_FOUND');
      expectProblem(
        await patch(technician.id as string, { name: 'Not an administrator' }),
        404,
        'ADMINISTRATOR_NOT_FOUND',
      );
    });

    it('answers 404 GROUP_NOT_FOUND for an unknown group id', async () => {
      const admin = await createAdministrator(stack.api, master);
      expectProblem(await patch(admin.id, { groupIds: [randomUUID()] }), 404, 'GROUP_NOT_FOUND');
    });

    it.each([
      ['role', 'an unknown role', { role: 'superuser' }],
      ['groupIds', 'a group id that is not a UUID', { groupIds: ['nope'] }],
      ['enabled', 'enabled that is not a boolean', { enabled: 'no' }],
      ['email', 'an invalid email', { email: 'nope' }],
      ['name', 'an empty name', { name: '' }],
      ['password', 'a password that is not a string', { password: 42 }],
      ['unexpected', 'an unknown field', { unexpected: 1 }],
    ])('answers 400 VALIDATION_FAILED naming %s for %s', async (field, _, body) => {
      const admin = await createAdministrator(stack.api, master);
      expectFieldNamed(await patch(admin.id, body), field);
    });

    it('answers 400 VALIDATION_FAILED for an id that is not a UUID', async () => {
      const response = await patch('not-a-uuid', { name: 'X' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('an organization keeps at least one enabled Master Administrator', () => {
    it('answers 409 CONFLICT to demoting or disabling the only enabled Master Administrator, and changes nothing', async () => {
      const organization = await anotherOrganization();

      const administrators = await listAll(organization.token);
      expect(administrators).toEqual([
        expect.objectContaining({
          id: organization.administratorId,
          role: 'master_admin',
          enabled: true,
        }),
      ]);

      expectProblem(
        await patch(organization.administratorId, { role: 'admin' }, organization.token),
        409,
        'CONFLICT',
      );
      expectProblem(
        await patch(
          organization.administratorId,
          { role: 'admin', groupIds: [] },
          organization.token,
        ),
        409,
        'CONFLICT',
      );
      expectProblem(
        await patch(organization.administratorId, { enabled: false }, organization.token),
        409,
        'CONFLICT',
      );

      expect(await listAll(organization.token)).toEqual([
        expect.objectContaining({ role: 'master_admin', enabled: true }),
      ]);
      const login = await stack.api.post('/api/v1/auth/login', {
        email: organization.email,
        password: organization.password,
      });
      expect(login.status).toBe(200);
      expect(login.body.role).toBe('master_admin');
    });

    it('allows disabling or demoting a Master Administrator once there is a second enabled one', async () => {
      const organization = await anotherOrganization();
      const second = await createAdministrator(stack.api, organization.token, {
        role: 'master_admin',
      });

      const disabled = await patch(second.id, { enabled: false }, organization.token);
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ role: 'master_admin', enabled: false });
      // The second one is disabled: the first is again the only enabled one.
      expectProblem(
        await patch(organization.administratorId, { role: 'admin' }, organization.token),
        409,
        'CONFLICT',
      );

      expect((await patch(second.id, { enabled: true }, organization.token)).status).toBe(200);
      const demoted = await patch(
        organization.administratorId,
        { role: 'admin' },
        organization.token,
      );
      expect(demoted.status).toBe(200);
      expect(demoted.body).toMatchObject({
        id: organization.administratorId,
        role: 'admin',
        groupIds: [],
      });

      // Now the second is the only Master Administrator left.
      const secondToken = await signInChangingPassword(stack.api, second.email, second.password);
      expectProblem(await patch(second.id, { role: 'admin' }, secondToken), 409, 'CONFLICT');
      expectProblem(await patch(second.id, { enabled: false }, secondToken), 409, 'CONFLICT');
    });
  });

  describe('tenancy', () => {
    it("answers 404 for another organization's administrator and never lists it", async () => {
      const organization = await anotherOrganization();
      const ours = await createAdministrator(stack.api, master);

      const theirs = await listAll(organization.token);
      expect(theirs.map((item) => item.id)).toEqual([organization.administratorId]);
      expect((await listAll(master)).map((item) => item.id)).not.toContain(
        organization.administratorId,
      );

      expectProblem(
        await patch(ours.id, { name: 'Hijacked' }, organization.token),
        404,
        'ADMINISTRATOR_NOT_FOUND',
      );
      expectProblem(
        await patch(organization.administratorId, { enabled: false }),
        404,
        'ADMINISTRATOR_NOT_FOUND',
      );
      const group = await createGroup(stack.api, master);
      expectProblem(
        await stack.api.post(
          '/api/v1/administrators',
          {
            name: 'Cross',
            email: uniqueEmail('cross'),
            password: GOOD_PASSWORD,
            role: 'admin',
            groupIds: [group.id],
          },
          organization.token,
        ),
        404,
        'GROUP_NOT_FOUND',
      );
    });
  });
});
