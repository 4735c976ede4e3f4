import { randomUUID } from 'node:crypto';
import { createGroup, createTechnician, GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { stackSession } from '../support/stack-session';
import { technicianRequests } from '../support/technician-requests';

describe('Technicians: changing, deleting and moving one (as the bootstrap Master Administrator)', () => {
  const session = stackSession('technicians-edit');
  const { api, login, getTechnician, patchTechnician, postTechnician, validBody } =
    technicianRequests(session);

  describe('PATCH /technicians/:id', () => {
    it('changes its fields, and the new email is its login', async () => {
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);
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
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);
      const other = await createTechnician(api(), session.token, group.id);

      expectProblem(
        await patchTechnician(technician.id, { email: other.email.toUpperCase() }),
        409,
        'EMAIL_TAKEN',
        'email',
      );
      expectProblem(
        await patchTechnician(technician.id, { email: session.stack.adminEmail }),
        409,
        'EMAIL_TAKEN',
        'email',
      );
      expect((await getTechnician(technician.id)).body.email).toBe(technician.email);
    });

    it('refuses an SSO ID another technician of the organization uses with 409 SSO_ID_TAKEN', async () => {
      const group = await createGroup(api(), session.token);
      const ssoId = `sso-${randomUUID()}`;
      await createTechnician(api(), session.token, group.id, { ssoId });
      const technician = await createTechnician(api(), session.token, group.id);

      expectProblem(await patchTechnician(technician.id, { ssoId }), 409, 'SSO_ID_TAKEN', 'ssoId');
      expect((await getTechnician(technician.id)).body.ssoId).toBeNull();
    });

    it('disables a technician: the right password answers 403 ACCOUNT_DISABLED, a wrong one 401', async () => {
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);

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
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);

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
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id, {
        ssoId: `sso-${randomUUID()}`,
      });

      const response = await api().request('DELETE', `/api/v1/technicians/${technician.id}`, {
        token: session.token,
      });

      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectProblem(await getTechnician(technician.id), 404, 'TECHNICIAN_NOT_FOUND');
      expectProblem(await login(technician.email, technician.password), 401, 'INVALID_CREDENTIALS');
      expectProblem(
        await api().request('DELETE', `/api/v1/technicians/${technician.id}`, {
          token: session.token,
        }),
        404,
        'TECHNICIAN_NOT_FOUND',
      );
      const inGroup = await api().get(`/api/v1/groups/${group.id}/technicians`, session.token);
      expect(inGroup.body.items).toEqual([]);
      expect(
        (await api().get(`/api/v1/groups/${group.id}`, session.token)).body.technicianCount,
      ).toBe(0);

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
      const from = await createGroup(api(), session.token, { permissions: ['Chat'] });
      const to = await createGroup(api(), session.token, {
        permissions: ['RemoteControl', 'SessionRecording'],
      });
      const technician = await createTechnician(api(), session.token, from.id);
      expect(technician.permissions).toEqual(['Chat']);

      const response = await api().post(
        `/api/v1/technicians/${technician.id}/move`,
        { groupId: to.id },
        session.token,
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
      expect(
        (await api().get(`/api/v1/groups/${from.id}`, session.token)).body.technicianCount,
      ).toBe(0);
      expect((await api().get(`/api/v1/groups/${to.id}`, session.token)).body.technicianCount).toBe(
        1,
      );
    });

    it('follows later changes of the new group’s permissions (inherited, not copied)', async () => {
      const from = await createGroup(api(), session.token, { permissions: ['Chat'] });
      const to = await createGroup(api(), session.token, { permissions: ['RemoteView'] });
      const technician = await createTechnician(api(), session.token, from.id);
      await api().post(
        `/api/v1/technicians/${technician.id}/move`,
        { groupId: to.id },
        session.token,
      );

      await api().request('PATCH', `/api/v1/groups/${to.id}`, {
        body: { permissions: ['ConnectOnLan'] },
        token: session.token,
      });

      expect((await getTechnician(technician.id)).body.permissions).toEqual(['ConnectOnLan']);
    });

    it('answers 404 GROUP_NOT_FOUND for a group that does not exist, and leaves the technician', async () => {
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);

      const response = await api().post(
        `/api/v1/technicians/${technician.id}/move`,
        { groupId: randomUUID() },
        session.token,
      );

      expectProblem(response, 404, 'GROUP_NOT_FOUND');
      expect((await getTechnician(technician.id)).body.groupId).toBe(group.id);
    });

    it('answers 404 TECHNICIAN_NOT_FOUND for a technician that does not exist', async () => {
      const group = await createGroup(api(), session.token);

      expectProblem(
        await api().post(
          `/api/v1/technicians/${randomUUID()}/move`,
          { groupId: group.id },
          session.token,
        ),
        404,
        'TECHNICIAN_NOT_FOUND',
      );
    });

    it('refuses a groupId that is not a UUID with 400 VALIDATION_FAILED', async () => {
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);

      expectProblem(
        await api().post(
          `/api/v1/technicians/${technician.id}/move`,
          { groupId: 'x' },
          session.token,
        ),
        400,
        'VALIDATION_FAILED',
        'groupId',
      );
    });
  });
});
