import { randomBytes, randomUUID } from 'node:crypto';
import {
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { createOrganization } from '../support/organizations';
import { Stack } from '../support/stack';
import { expectProblem } from '../support/problems';

/** A short random tag of letters, to find a test's own technicians by search. */
function uniqueTag(): string {
  return `zq${randomBytes(4).toString('hex')}`.replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]);
}

/** A valid, unique email of exactly `length` characters (local part 64, labels of at most 60). */
function emailOfLength(length: number): string {
  const local = `t${randomBytes(6).toString('hex')}`.padEnd(64, 'x');
  const tail = 'example.com';
  let remaining = length - local.length - 1 - tail.length;
  const labels: string[] = [];
  while (remaining > 0) {
    let chunk = Math.min(61, remaining);
    if (remaining - chunk === 1) chunk -= 1;
    labels.push(`${'d'.repeat(chunk - 1)}.`);
    remaining -= chunk;
  }
  const email = `${local}@${labels.join('')}${tail}`;
  if (email.length !== length) throw new Error(`built an email of ${email.length} characters`);
  return email;
}

describe('Technicians (as the bootstrap Master Administrator)', () => {
  let stack: Stack;
  let token: string;
  let organizationId: string;

  beforeAll(async () => {
    stack = await Stack.start('technicians');
    token = await stack.adminToken();
    organizationId = (await stack.api.get('/api/v1/me', token)).body.organizationId;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const api = () => stack.api;
  const login = (email: string, password: string) =>
    api().post('/api/v1/auth/login', { email, password });
  const getTechnician = (id: string) => api().get(`/api/v1/technicians/${id}`, token);
  const patchTechnician = (id: string, body: unknown) =>
    api().request('PATCH', `/api/v1/technicians/${id}`, { body, token });
  const postTechnician = (groupId: string, body: Record<string, unknown>) =>
    api().post(`/api/v1/groups/${groupId}/technicians`, body, token);
  const validBody = (extra: Record<string, unknown> = {}) => ({
    name: 'Valid Technician',
    email: uniqueEmail('valid'),
    password: GOOD_PASSWORD,
    ...extra,
  });
  const listTechnicians = async (query: string): Promise<any> => {
    const response = await api().get(`/api/v1/technicians?${query}`, token);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('POST /groups/:id/technicians', () => {
    it('creates a technician: 201 with every field, the group’s permissions and mustChangePassword', async () => {
      const group = await createGroup(api(), token, { permissions: ['RemoteControl', 'Chat'] });
      const email = uniqueEmail('ada');
      const password = 'Analytical-Engine-1843';

      const response = await postTechnician(group.id, {
        name: '  Ada Lovelace  ',
        nickname: 'Ada',
        email,
        ssoId: `sso-${randomUUID()}`,
        description: 'first programmer',
        password,
        enabled: true,
        standardLicense: false,
        mobileLicense: true,
      });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        organizationId,
        groupId: group.id,
        name: 'Ada Lovelace',
        nickname: 'Ada',
        email,
        ssoId: expect.stringMatching(/^sso-/),
        description: 'first programmer',
        enabled: true,
        standardLicense: false,
        mobileLicense: true,
        permissions: ['RemoteControl', 'Chat'],
        mustChangePassword: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(response.text).not.toContain(password);
    });

    it('trims the name, defaults the nickname to it, and enables the technician', async () => {
      const group = await createGroup(api(), token);

      const response = await postTechnician(group.id, validBody({ name: '\t Grace Hopper  ' }));

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        name: 'Grace Hopper',
        nickname: 'Grace Hopper',
        ssoId: null,
        description: '',
        enabled: true,
        permissions: [],
        mustChangePassword: true,
      });
    });

    it('lets the new technician sign in with its password (and be told to change it)', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);

      const response = await login(technician.email, technician.password);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        role: 'technician',
        mustChangePassword: true,
      });
    });

    it('accepts an email of 254 characters', async () => {
      const group = await createGroup(api(), token);
      const email = emailOfLength(254);

      const response = await postTechnician(group.id, validBody({ email }));

      expect(response.status).toBe(201);
      expect(response.body.email).toBe(email);
    });

    it.each<[string, string, (body: Record<string, unknown>) => Record<string, unknown>]>([
      ['a missing name', 'name', ({ name: _, ...body }) => body],
      ['a whitespace-only name', 'name', (body) => ({ ...body, name: '   ' })],
      ['a name of 129 characters', 'name', (body) => ({ ...body, name: 'n'.repeat(129) })],
      [
        'a nickname of 129 characters',
        'nickname',
        (body) => ({ ...body, nickname: 'n'.repeat(129) }),
      ],
      ['a missing email', 'email', ({ email: _, ...body }) => body],
      ['an invalid email', 'email', (body) => ({ ...body, email: 'not-an-email' })],
      ['an email of 255 characters', 'email', (body) => ({ ...body, email: emailOfLength(255) })],
      ['an ssoId of 129 characters', 'ssoId', (body) => ({ ...body, ssoId: 's'.repeat(129) })],
      [
        'a description of 1025 characters',
        'description',
        (body) => ({ ...body, description: 'd'.repeat(1025) }),
      ],
      ['a missing password', 'password', ({ password: _, ...body }) => body],
      ['a password that is not a string', 'password', (body) => ({ ...body, password: 12345678 })],
      ['enabled that is not a boolean', 'enabled', (body) => ({ ...body, enabled: 'yes' })],
      ['an unknown field', 'shoeSize', (body) => ({ ...body, shoeSize: 42 })],
    ])('refuses %s with 400 VALIDATION_FAILED naming %s', async (_, field, change) => {
      const group = await createGroup(api(), token);
      const body = change(validBody());

      const response = await postTechnician(group.id, body);

      expectProblem(response, 400, 'VALIDATION_FAILED', field);
      const inGroup = await api().get(`/api/v1/groups/${group.id}/technicians`, token);
      expect(inGroup.body.items).toEqual([]);
    });

    it('refuses the same email in another case with 409 EMAIL_TAKEN', async () => {
      const group = await createGroup(api(), token);
      const other = await createGroup(api(), token);
      const email = uniqueEmail('tech');
      await createTechnician(api(), token, group.id, { email });

      const response = await postTechnician(other.id, validBody({ email: email.toUpperCase() }));

      expectProblem(response, 409, 'EMAIL_TAKEN', 'email');
      const inOther = await api().get(`/api/v1/groups/${other.id}/technicians`, token);
      expect(inOther.body.items).toEqual([]);
    });

    it('refuses the login email of an administrator with 409 EMAIL_TAKEN', async () => {
      const group = await createGroup(api(), token);

      expectProblem(
        await postTechnician(group.id, validBody({ email: stack.adminEmail })),
        409,
        'EMAIL_TAKEN',
        'email',
      );
      expectProblem(
        await postTechnician(group.id, validBody({ email: stack.adminEmail.toUpperCase() })),
        409,
        'EMAIL_TAKEN',
        'email',
      );
      // The administrator's own sign-in is untouched.
      expect((await login(stack.adminEmail, stack.adminPassword)).status).toBe(200);
    });

    it('refuses an SSO ID already used in the organization with 409 SSO_ID_TAKEN', async () => {
      const group = await createGroup(api(), token);
      const other = await createGroup(api(), token);
      const ssoId = `sso-${randomUUID()}`;
      await createTechnician(api(), token, group.id, { ssoId });

      const response = await postTechnician(other.id, validBody({ ssoId }));

      expectProblem(response, 409, 'SSO_ID_TAKEN', 'ssoId');
    });

    it('refuses "password" with 422 PASSWORD_POLICY and one error per rule it breaks', async () => {
      const group = await createGroup(api(), token);
      const body = validBody({ password: 'password' });

      const response = await postTechnician(group.id, body);

      expectProblem(response, 422, 'PASSWORD_POLICY');
      const errors = response.body.errors as { field: string; code: string }[];
      expect(errors.every((e) => e.field === 'password')).toBe(true);
      expect(errors.map((e) => e.code).sort()).toEqual([
        'PASSWORD_COMMON',
        'PASSWORD_TOO_FEW_CHARACTER_TYPES',
      ]);
      // Nothing was created: the same email is still free.
      expect((await postTechnician(group.id, { ...body, password: GOOD_PASSWORD })).status).toBe(
        201,
      );
    });

    it('refuses "abc" with 422 PASSWORD_POLICY naming each broken rule once', async () => {
      const group = await createGroup(api(), token);

      const response = await postTechnician(group.id, validBody({ password: 'abc' }));

      expectProblem(response, 422, 'PASSWORD_POLICY');
      const codes = (response.body.errors as { field: string; code: string }[]).map((e) => e.code);
      expect(codes).toEqual(
        expect.arrayContaining(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_FEW_CHARACTER_TYPES']),
      );
      expect(new Set(codes).size).toBe(codes.length);
      expect(response.text).not.toContain('"abc"');
    });

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist', async () => {
      expectProblem(await postTechnician(randomUUID(), validBody()), 404, 'GROUP_NOT_FOUND');
    });
  });

  describe('GET /technicians/:id', () => {
    it('answers 200 with the technician, its permissions and mustChangePassword', async () => {
      const group = await createGroup(api(), token, { permissions: ['SendFile', 'ReceiveFile'] });
      const technician = await createTechnician(api(), token, group.id, { nickname: 'Nick' });

      const response = await getTechnician(technician.id);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: technician.id,
        organizationId,
        groupId: group.id,
        name: technician.name,
        nickname: 'Nick',
        email: technician.email,
        permissions: ['SendFile', 'ReceiveFile'],
        mustChangePassword: true,
      });
      expect(response.body).not.toHaveProperty('password');

      await signInChangingPassword(api(), technician.email, technician.password);
      expect((await getTechnician(technician.id)).body.mustChangePassword).toBe(false);
    });

    it('answers 404 TECHNICIAN_NOT_FOUND for a technician that does not exist', async () => {
      expectProblem(await getTechnician(randomUUID()), 404, 'TECHNICIAN_NOT_FOUND');
    });

    it('answers 400 VALIDATION_FAILED for an id that is not a UUID', async () => {
      expectProblem(
        await api().get('/api/v1/technicians/not-a-uuid', token),
        400,
        'VALIDATION_FAILED',
        'id',
      );
    });
  });

  describe('PATCH /technicians/:id', () => {
    it('changes its fields, and the new email is its login', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);
      const email = uniqueEmail('renamed');
      const ssoId = `sso-${randomUUID()}`;

      const response = await patchTechnician(technician.id, {
        name: '  Renamed Technician ',
        nickname: 'Renamed',
        email,
        ssoId,
        description: 'changed',
        standardLicense: false,
        mobileLicense: true,
      });

      expect(response.status).toBe(200);
      const expected = {
        id: technician.id,
        groupId: group.id,
        name: 'Renamed Technician',
        nickname: 'Renamed',
        email,
        ssoId,
        description: 'changed',
        enabled: true,
        standardLicense: false,
        mobileLicense: true,
      };
      expect(response.body).toMatchObject(expected);
      expect((await getTechnician(technician.id)).body).toMatchObject(expected);
      expect((await login(email, technician.password)).status).toBe(200);
      expectProblem(await login(technician.email, technician.password), 401, 'INVALID_CREDENTIALS');
    });

    it('refuses an email another account uses (in any case) with 409 EMAIL_TAKEN', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);
      const other = await createTechnician(api(), token, group.id);

      expectProblem(
        await patchTechnician(technician.id, { email: other.email.toUpperCase() }),
        409,
        'EMAIL_TAKEN',
        'email',
      );
      expectProblem(
        await patchTechnician(technician.id, { email: stack.adminEmail }),
        409,
        'EMAIL_TAKEN',
        'email',
      );
      expect((await getTechnician(technician.id)).body.email).toBe(technician.email);
    });

    it('refuses an SSO ID another technician of the organization uses with 409 SSO_ID_TAKEN', async () => {
      const group = await createGroup(api(), token);
      const ssoId = `sso-${randomUUID()}`;
      await createTechnician(api(), token, group.id, { ssoId });
      const technician = await createTechnician(api(), token, group.id);

      expectProblem(await patchTechnician(technician.id, { ssoId }), 409, 'SSO_ID_TAKEN', 'ssoId');
      expect((await getTechnician(technician.id)).body.ssoId).toBeNull();
    });

    it('disables a technician: the right password answers 403 ACCOUNT_DISABLED, a wrong one 401', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);

      const response = await patchTechnician(technician.id, { enabled: false });

      expect(response.status).toBe(200);
      expect(response.body.enabled).toBe(false);
      expectProblem(await login(technician.email, technician.password), 403, 'ACCOUNT_DISABLED');
      expectProblem(await login(technician.email, 'Wrong-Pass-77'), 401, 'INVALID_CREDENTIALS');

      expect((await patchTechnician(technician.id, { enabled: true })).status).toBe(200);
      expect((await login(technician.email, technician.password)).status).toBe(200);
    });

    it.each<[string, string, Record<string, unknown>]>([
      ['a groupId (moving is its own endpoint)', 'groupId', { groupId: randomUUID() }],
      ['an invalid email', 'email', { email: 'nope' }],
      ['a whitespace-only name', 'name', { name: '  ' }],
      ['enabled that is not a boolean', 'enabled', { enabled: 'false' }],
      ['a password (it has its own endpoint)', 'password', { password: GOOD_PASSWORD }],
    ])('refuses %s with 400 VALIDATION_FAILED naming %s', async (_, field, body) => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);

      expectProblem(await patchTechnician(technician.id, body), 400, 'VALIDATION_FAILED', field);
      const after = (await getTechnician(technician.id)).body;
      expect(after).toMatchObject({
        groupId: group.id,
        email: technician.email,
        name: technician.name,
        enabled: true,
      });
    });

    it('answers 404 TECHNICIAN_NOT_FOUND for a technician that does not exist', async () => {
      expectProblem(
        await patchTechnician(randomUUID(), { name: 'x' }),
        404,
        'TECHNICIAN_NOT_FOUND',
      );
    });
  });

  describe('DELETE /technicians/:id', () => {
    it('deletes a technician: 204, then 404, it cannot sign in, and its email is free again', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id, {
        ssoId: `sso-${randomUUID()}`,
      });

      const response = await api().request('DELETE', `/api/v1/technicians/${technician.id}`, {
        token,
      });

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectProblem(await getTechnician(technician.id), 404, 'TECHNICIAN_NOT_FOUND');
      expectProblem(await login(technician.email, technician.password), 401, 'INVALID_CREDENTIALS');
      expectProblem(
        await api().request('DELETE', `/api/v1/technicians/${technician.id}`, { token }),
        404,
        'TECHNICIAN_NOT_FOUND',
      );
      const inGroup = await api().get(`/api/v1/groups/${group.id}/technicians`, token);
      expect(inGroup.body.items).toEqual([]);
      expect((await api().get(`/api/v1/groups/${group.id}`, token)).body.technicianCount).toBe(0);

      const again = await postTechnician(
        group.id,
        validBody({ email: technician.email, ssoId: technician.ssoId }),
      );
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(technician.id);
      expect((await login(technician.email, GOOD_PASSWORD)).status).toBe(200);
    });
  });

  describe('POST /technicians/:id/move', () => {
    it('moves a technician: 200 in its new group, with the new group’s permissions at once', async () => {
      const from = await createGroup(api(), token, { permissions: ['Chat'] });
      const to = await createGroup(api(), token, {
        permissions: ['RemoteControl', 'SessionRecording'],
      });
      const technician = await createTechnician(api(), token, from.id);
      expect(technician.permissions).toEqual(['Chat']);

      const response = await api().post(
        `/api/v1/technicians/${technician.id}/move`,
        { groupId: to.id },
        token,
      );

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: technician.id,
        groupId: to.id,
        permissions: ['RemoteControl', 'SessionRecording'],
      });
      expect((await getTechnician(technician.id)).body).toMatchObject({
        groupId: to.id,
        permissions: ['RemoteControl', 'SessionRecording'],
      });
      expect((await api().get(`/api/v1/groups/${from.id}`, token)).body.technicianCount).toBe(0);
      expect((await api().get(`/api/v1/groups/${to.id}`, token)).body.technicianCount).toBe(1);
    });

    it('follows later changes of the new group’s permissions (inherited, not copied)', async () => {
      const from = await createGroup(api(), token, { permissions: ['Chat'] });
      const to = await createGroup(api(), token, { permissions: ['RemoteView'] });
      const technician = await createTechnician(api(), token, from.id);
      await api().post(`/api/v1/technicians/${technician.id}/move`, { groupId: to.id }, token);

      await api().request('PATCH', `/api/v1/groups/${to.id}`, {
        body: { permissions: ['ConnectOnLan'] },
        token,
      });

      expect((await getTechnician(technician.id)).body.permissions).toEqual(['ConnectOnLan']);
    });

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist, and leaves the technician', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);

      const response = await api().post(
        `/api/v1/technicians/${technician.id}/move`,
        { groupId: randomUUID() },
        token,
      );

      expectProblem(response, 404, 'GROUP_NOT_FOUND');
      expect((await getTechnician(technician.id)).body.groupId).toBe(group.id);
    });

    it('answers 404 TECHNICIAN_NOT_FOUND for a technician that does not exist', async () => {
      const group = await createGroup(api(), token);

      expectProblem(
        await api().post(`/api/v1/technicians/${randomUUID()}/move`, { groupId: group.id }, token),
        404,
        'TECHNICIAN_NOT_FOUND',
      );
    });

    it('refuses a groupId that is not a UUID with 400 VALIDATION_FAILED', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);

      expectProblem(
        await api().post(`/api/v1/technicians/${technician.id}/move`, { groupId: 'x' }, token),
        400,
        'VALIDATION_FAILED',
        'groupId',
      );
    });
  });

  describe('POST /technicians/:id/password', () => {
    it('sets a new password: 204; the technician signs in with it and must change it', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);
      // The technician chose its own password: it no longer must change it.
      await signInChangingPassword(api(), technician.email, technician.password);
      expect((await getTechnician(technician.id)).body.mustChangePassword).toBe(false);
      const newPassword = 'Reset-By-Admin-91';

      const response = await api().post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: newPassword },
        token,
      );

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      const signIn = await login(technician.email, newPassword);
      expect(signIn.status).toBe(200);
      expect(signIn.body).toMatchObject({ role: 'technician', mustChangePassword: true });
      expect((await getTechnician(technician.id)).body.mustChangePassword).toBe(true);
      expectProblem(await login(technician.email, technician.password), 401, 'INVALID_CREDENTIALS');
    });

    it('refuses a weak password with 422 PASSWORD_POLICY, and the old one still works', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);

      const response = await api().post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: 'password' },
        token,
      );

      expectProblem(response, 422, 'PASSWORD_POLICY', 'password');
      expect((response.body.errors as { code: string }[]).map((e) => e.code).sort()).toEqual([
        'PASSWORD_COMMON',
        'PASSWORD_TOO_FEW_CHARACTER_TYPES',
      ]);
      expect((await login(technician.email, technician.password)).status).toBe(200);
    });

    it.each<[string, Record<string, unknown>]>([
      ['a password that is not a string', { password: 12345678 }],
      ['a missing password', {}],
    ])('refuses %s with 400 VALIDATION_FAILED naming password', async (_, body) => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);

      expectProblem(
        await api().post(`/api/v1/technicians/${technician.id}/password`, body, token),
        400,
        'VALIDATION_FAILED',
        'password',
      );
    });

    it('answers 404 TECHNICIAN_NOT_FOUND for a technician that does not exist', async () => {
      expectProblem(
        await api().post(
          `/api/v1/technicians/${randomUUID()}/password`,
          { password: 'Another-Good-Pass-5' },
          token,
        ),
        404,
        'TECHNICIAN_NOT_FOUND',
      );
    });
  });

  describe('GET /technicians', () => {
    it('finds technicians by part of the name, in any case', async () => {
      const tag = uniqueTag();
      const group = await createGroup(api(), token);
      const first = await createTechnician(api(), token, group.id, { name: `Alpha ${tag} One` });
      const second = await createTechnician(api(), token, group.id, { name: `Beta ${tag}two` });
      await createTechnician(api(), token, group.id, { name: 'Somebody Else' });

      const page = await listTechnicians(`q=${tag.toUpperCase()}`);

      expect(page.items.map((t: any) => t.id)).toEqual([first.id, second.id]);
      expect(page.nextCursor).toBeNull();
    });

    it('finds technicians by part of the email, in any case', async () => {
      const tag = uniqueTag();
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id, {
        name: 'Mail Searched',
        email: `${tag}.mailbox@example.com`,
      });

      const page = await listTechnicians(
        `q=${encodeURIComponent(`${tag.toUpperCase()}.MAILBOX@`)}`,
      );

      expect(page.items.map((t: any) => t.id)).toEqual([technician.id]);
      expect(page.items[0]).toMatchObject({ email: technician.email, groupId: group.id });
    });

    it('filters by groupId', async () => {
      const tag = uniqueTag();
      const group = await createGroup(api(), token);
      const other = await createGroup(api(), token);
      const inGroup = [
        await createTechnician(api(), token, group.id, { name: `${tag} A` }),
        await createTechnician(api(), token, group.id, { name: `${tag} B` }),
      ];
      await createTechnician(api(), token, other.id, { name: `${tag} C` });

      const byGroup = await listTechnicians(`groupId=${group.id}`);
      expect(byGroup.items.map((t: any) => t.id)).toEqual(inGroup.map((t) => t.id));

      const byGroupAndName = await listTechnicians(`groupId=${other.id}&q=${tag}`);
      expect(byGroupAndName.items.map((t: any) => t.name)).toEqual([`${tag} C`]);
    });

    it('pages with limit and cursor through every match, without duplicates or gaps', async () => {
      const tag = uniqueTag();
      const group = await createGroup(api(), token);
      const created: string[] = [];
      for (const letter of ['E', 'C', 'A', 'D', 'B']) {
        created.push(
          (await createTechnician(api(), token, group.id, { name: `${tag} ${letter}` })).id,
        );
      }

      const names: string[] = [];
      const pageSizes: number[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await listTechnicians(
          `q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        pageSizes.push(page.items.length);
        names.push(...page.items.map((t: any) => t.name));
        cursor = page.nextCursor;
      } while (cursor && pageSizes.length < 10);

      expect(pageSizes).toEqual([2, 2, 1]);
      expect(names).toEqual(['A', 'B', 'C', 'D', 'E'].map((letter) => `${tag} ${letter}`));
    });

    it.each([
      ['limit=201', 'limit'],
      ['limit=0', 'limit'],
      ['cursor=garbage', 'cursor'],
      ['cursor=%21%21not-base64%21%21', 'cursor'],
      ['groupId=not-a-uuid', 'groupId'],
    ])('refuses %s with 400 VALIDATION_FAILED naming %s', async (query, field) => {
      expectProblem(
        await api().get(`/api/v1/technicians?${query}`, token),
        400,
        'VALIDATION_FAILED',
        field,
      );
    });

    it('answers 404 GROUP_NOT_FOUND for a groupId that does not exist', async () => {
      expectProblem(
        await api().get(`/api/v1/technicians?groupId=${randomUUID()}`, token),
        404,
        'GROUP_NOT_FOUND',
      );
    });
  });

  describe('a technician’s own token', () => {
    it('reads /me as a technician, and is refused the administrative endpoints with 403 FORBIDDEN', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);
      const technicianToken = await signInChangingPassword(
        api(),
        technician.email,
        technician.password,
      );

      const me = await api().get('/api/v1/me', technicianToken);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        id: technician.id,
        role: 'technician',
        email: technician.email,
        organizationId,
        mustChangePassword: false,
      });

      expectProblem(await api().get('/api/v1/groups', technicianToken), 403, 'FORBIDDEN');
      expectProblem(await api().get('/api/v1/technicians', technicianToken), 403, 'FORBIDDEN');
      expectProblem(
        await api().get(`/api/v1/technicians/${technician.id}`, technicianToken),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('across organizations', () => {
    let otherToken: string;
    let otherGroupId: string;

    beforeAll(async () => {
      const adminEmail = uniqueEmail('second-master');
      expect(
        await createOrganization(stack, `Second org ${randomUUID()}`, adminEmail, GOOD_PASSWORD),
      ).toMatchObject({ organizationId: expect.any(String) });
      otherToken = await signInChangingPassword(api(), adminEmail, GOOD_PASSWORD);
      otherGroupId = (await createGroup(api(), otherToken)).id;
    });

    it('lets another organization use the same SSO ID (unique within an organization only)', async () => {
      const group = await createGroup(api(), token);
      const ssoId = `sso-${randomUUID()}`;
      await createTechnician(api(), token, group.id, { ssoId });

      const response = await api().post(
        `/api/v1/groups/${otherGroupId}/technicians`,
        validBody({ ssoId }),
        otherToken,
      );

      expect(response.status).toBe(201);
      expect(response.body.ssoId).toBe(ssoId);
    });

    it('refuses an email used in another organization with 409 EMAIL_TAKEN (unique system-wide)', async () => {
      const group = await createGroup(api(), token);
      const technician = await createTechnician(api(), token, group.id);

      const response = await api().post(
        `/api/v1/groups/${otherGroupId}/technicians`,
        validBody({ email: technician.email.toUpperCase() }),
        otherToken,
      );

      expectProblem(response, 409, 'EMAIL_TAKEN', 'email');
    });
  });
});
