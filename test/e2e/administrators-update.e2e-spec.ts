import { randomUUID } from 'node:crypto';
import { administratorRequests, expectFieldNamed } from '../support/administrator-requests';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { stackSession } from '../support/stack-session';

describe('Administrators (spec section 3): changing one', () => {
  const session = stackSession('administrators-update');
  const { changePassword, listAll, patch } = administratorRequests(session);

  describe('PATCH /administrators/:id', () => {
    it('changes name, email and groupIds, shown in the answer and in GET; the new email signs in', async () => {
      const [before, after] = await Promise.all([
        createGroup(session.stack.api, session.token),
        createGroup(session.stack.api, session.token),
      ]);
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [before.id],
      });
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
      expect((await listAll(session.token)).find((item) => item.id === admin.id)).toMatchObject({
        name: 'Renamed Administrator',
        email,
        role: 'admin',
        groupIds: [after.id],
      });

      const token = await signInChangingPassword(session.stack.api, email, admin.password);
      const groups = await session.stack.api.get('/api/v1/groups', token);
      expect(groups.body.groups.map((g: any) => g.id)).toEqual([after.id]);
      expectProblem(
        await session.stack.api.post('/api/v1/auth/login', {
          email: admin.email,
          password: admin.password,
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('changes the role both ways: a Master Administrator has no groups, an Administrator gets the groups given', async () => {
      const group = await createGroup(session.stack.api, session.token);
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [group.id],
      });

      const promoted = await patch(admin.id, { role: 'master_admin' });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ id: admin.id, role: 'master_admin', groupIds: [] });
      expect((await listAll(session.token)).find((item) => item.id === admin.id)).toMatchObject({
        role: 'master_admin',
        groupIds: [],
      });
      const login = await session.stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(login.body.role).toBe('master_admin');

      const demoted = await patch(admin.id, { role: 'admin', groupIds: [group.id] });
      expect(demoted.status).toBe(200);
      expect(demoted.body).toMatchObject({ id: admin.id, role: 'admin', groupIds: [group.id] });
      expect((await listAll(session.token)).find((item) => item.id === admin.id)).toMatchObject({
        role: 'admin',
        groupIds: [group.id],
      });
    });

    it('sets a new password that the administrator must change; the old one no longer signs in', async () => {
      const admin = await createAdministrator(session.stack.api, session.token);
      const ownPassword = 'Chosen-By-Owner-5';
      await changePassword(admin.email, admin.password, ownPassword);
      const newPassword = 'Reset-By-Master-7';

      const response = await patch(admin.id, { password: newPassword });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: admin.id, mustChangePassword: true });
      expect(response.text).not.toContain(newPassword);
      const login = await session.stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: newPassword,
      });
      expect(login.status).toBe(200);
      expect(login.body.mustChangePassword).toBe(true);
      expectProblem(
        await session.stack.api.post('/api/v1/auth/login', {
          email: admin.email,
          password: ownPassword,
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('answers 422 PASSWORD_POLICY for a weak new password and keeps the old one', async () => {
      const admin = await createAdministrator(session.stack.api, session.token);

      const response = await patch(admin.id, { password: 'password' });

      expectProblem(response, 422, 'PASSWORD_POLICY');
      const login = await session.stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(login.status).toBe(200);
    });

    it('disables: the correct password then answers 403 ACCOUNT_DISABLED; enabling again lets it sign in', async () => {
      const admin = await createAdministrator(session.stack.api, session.token);

      const disabled = await patch(admin.id, { enabled: false });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id: admin.id, enabled: false });
      expect((await listAll(session.token)).find((item) => item.id === admin.id)).toMatchObject({
        enabled: false,
      });
      expectProblem(
        await session.stack.api.post('/api/v1/auth/login', {
          email: admin.email,
          password: admin.password,
        }),
        403,
        'ACCOUNT_DISABLED',
      );
      expectProblem(
        await session.stack.api.post('/api/v1/auth/login', {
          email: admin.email,
          password: 'Wrong-Password-1',
        }),
        401,
        'INVALID_CREDENTIALS',
      );

      const enabled = await patch(admin.id, { enabled: true });
      expect(enabled.status).toBe(200);
      const login = await session.stack.api.post('/api/v1/auth/login', {
        email: admin.email,
        password: admin.password,
      });
      expect(login.status).toBe(200);
    });

    it('answers 409 EMAIL_TAKEN for an email in use (any case) and changes nothing', async () => {
      const [admin, other] = await Promise.all([
        createAdministrator(session.stack.api, session.token),
        createAdministrator(session.stack.api, session.token),
      ]);

      const response = await patch(admin.id, {
        name: 'Should Not Stick',
        email: (other.email as string).toUpperCase(),
      });

      expectProblem(response, 409, 'EMAIL_TAKEN');
      expect((await listAll(session.token)).find((item) => item.id === admin.id)).toMatchObject({
        name: admin.name,
        email: admin.email,
      });
    });

    it('answers 404 ADMINISTRATOR_NOT_FOUND for an unknown id and for a technician id', async () => {
      const group = await createGroup(session.stack.api, session.token);
      const technician = await createTechnician(session.stack.api, session.token, group.id);

      expectProblem(await patch(randomUUID(), { name: 'Nobody' }), 404, 'ADMINISTRATOR_NOT_FOUND');
      expectProblem(
        await patch(technician.id as string, { name: 'Not an administrator' }),
        404,
        'ADMINISTRATOR_NOT_FOUND',
      );
    });

    it('answers 404 GROUP_NOT_FOUND for an unknown group id', async () => {
      const admin = await createAdministrator(session.stack.api, session.token);
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
      const admin = await createAdministrator(session.stack.api, session.token);
      expectFieldNamed(await patch(admin.id, body), field);
    });

    it('answers 400 VALIDATION_FAILED for an id that is not a UUID', async () => {
      const response = await patch('not-a-uuid', { name: 'X' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });
});
