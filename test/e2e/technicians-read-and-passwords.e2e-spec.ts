import { randomBytes, randomUUID } from 'node:crypto';
import { createGroup, createTechnician, signInChangingPassword } from '../support/fixtures';
import { expectProblem } from '../support/problems';
import { stackSession } from '../support/stack-session';
import { technicianRequests } from '../support/technician-requests';

/** A short random tag of letters, to find a test's own technicians by search. */
function uniqueTag(): string {
  return `zq${randomBytes(4).toString('hex')}`.replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)]);
}

describe('Technicians: reading and searching them, their passwords and their own token (as the bootstrap Master Administrator)', () => {
  const session = stackSession('technicians-passwords');
  const { api, login, getTechnician } = technicianRequests(session);
  const listTechnicians = async (query: string): Promise<any> => {
    const response = await api().get(`/api/v1/technicians?${query}`, session.token);
    expect(response.status).toBe(200);
    return response.body;
  };

  describe('GET /technicians/:id', () => {
    it('answers 200 with the technician, its permissions and mustChangePassword', async () => {
      const group = await createGroup(api(), session.token, {
        permissions: ['SendFile', 'ReceiveFile'],
      });
      const technician = await createTechnician(api(), session.token, group.id, {
        nickname: 'Nick',
      });

      const response = await getTechnician(technician.id);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: technician.id,
        organizationId: session.master.organizationId,
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
        await api().get('/api/v1/technicians/not-a-uuid', session.token),
        400,
        'VALIDATION_FAILED',
        'id',
      );
    });
  });

  describe('POST /technicians/:id/password', () => {
    it('sets a new password: 204; the technician signs in with it and must change it', async () => {
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);
      // The technician chose its own password: it no longer must change it.
      await signInChangingPassword(api(), technician.email, technician.password);
      expect((await getTechnician(technician.id)).body.mustChangePassword).toBe(false);
      const newPassword = 'Reset-By-Admin-91';

      const response = await api().post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: newPassword },
        session.token,
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
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);

      const response = await api().post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: 'password' },
        session.token,
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
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);

      expectProblem(
        await api().post(`/api/v1/technicians/${technician.id}/password`, body, session.token),
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
          session.token,
        ),
        404,
        'TECHNICIAN_NOT_FOUND',
      );
    });
  });

  describe('GET /technicians', () => {
    it('finds technicians by part of the name, in any case', async () => {
      const tag = uniqueTag();
      const group = await createGroup(api(), session.token);
      const first = await createTechnician(api(), session.token, group.id, {
        name: `Alpha ${tag} One`,
      });
      const second = await createTechnician(api(), session.token, group.id, {
        name: `Beta ${tag}two`,
      });
      await createTechnician(api(), session.token, group.id, { name: 'Somebody Else' });

      const page = await listTechnicians(`q=${tag.toUpperCase()}`);

      expect(page.items.map((t: any) => t.id)).toEqual([first.id, second.id]);
      expect(page.nextCursor).toBeNull();
    });

    it('finds technicians by part of the email, in any case', async () => {
      const tag = uniqueTag();
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id, {
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
      const group = await createGroup(api(), session.token);
      const other = await createGroup(api(), session.token);
      const inGroup = [
        await createTechnician(api(), session.token, group.id, { name: `${tag} A` }),
        await createTechnician(api(), session.token, group.id, { name: `${tag} B` }),
      ];
      await createTechnician(api(), session.token, other.id, { name: `${tag} C` });

      const byGroup = await listTechnicians(`groupId=${group.id}`);
      expect(byGroup.items.map((t: any) => t.id)).toEqual(inGroup.map((t) => t.id));

      const byGroupAndName = await listTechnicians(`groupId=${other.id}&q=${tag}`);
      expect(byGroupAndName.items.map((t: any) => t.name)).toEqual([`${tag} C`]);
    });

    it('pages with limit and cursor through every match, without duplicates or gaps', async () => {
      const tag = uniqueTag();
      const group = await createGroup(api(), session.token);
      const created: string[] = [];
      for (const letter of ['E', 'C', 'A', 'D', 'B']) {
        created.push(
          (await createTechnician(api(), session.token, group.id, { name: `${tag} ${letter}` })).id,
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
        await api().get(`/api/v1/technicians?${query}`, session.token),
        400,
        'VALIDATION_FAILED',
        field,
      );
    });

    it('answers 404 GROUP_NOT_FOUND for a groupId that does not exist', async () => {
      expectProblem(
        await api().get(`/api/v1/technicians?groupId=${randomUUID()}`, session.token),
        404,
        'GROUP_NOT_FOUND',
      );
    });
  });

  describe('a technician’s own token', () => {
    it('reads /me as a technician, and is refused the administrative endpoints with 403 FORBIDDEN', async () => {
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);
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
        organizationId: session.master.organizationId,
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
});
