import { queryDatabase } from '../support/databases';
import { createAdministrator, createTechnician, GOOD_PASSWORD } from '../support/fixtures';
import { passwordPolicySession, STRONGEST } from '../support/password-policy';
import { expectProblem } from '../support/problems';

describe('Password policy (spec section 2): when a password must be changed, and changing it', () => {
  const { session, setPolicy, signIn } = passwordPolicySession('policy-change');

  /** Moves the stored password_changed_at of an account `days` into the past (identity's own table). */
  async function ageCredential(accountId: string, days: number): Promise<void> {
    const rows = await queryDatabase(
      session.stack.env.databases.identity,
      `UPDATE credentials SET password_changed_at = now() - make_interval(days => $2) WHERE account_id = $1 RETURNING account_id`,
      [accountId, days],
    );
    expect(rows).toHaveLength(1);
  }

  describe('forceChangeOnAdminSet', () => {
    it('false: a technician created or reset by an administrator signs in with mustChangePassword false', async () => {
      await setPolicy({ forceChangeOnAdminSet: false });

      const technician = await createTechnician(session.stack.api, session.token, session.group.id);
      expect(technician.mustChangePassword).toBe(false);
      const login = await signIn(technician.email as string, technician.password as string);
      expect(login.body.mustChangePassword).toBe(false);
      const token = login.body.accessToken as string;
      const me = await session.stack.api.get('/api/v1/me', token);
      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(false);

      const reset = await session.stack.api.post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: STRONGEST },
        session.token,
      );
      expect(reset.status).toBe(204);
      expect((await signIn(technician.email as string, STRONGEST)).body.mustChangePassword).toBe(
        false,
      );
    });

    it('false: an administrator created by the Master Administrator signs in with mustChangePassword false and can work at once', async () => {
      await setPolicy({ forceChangeOnAdminSet: false });

      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [session.group.id],
      });
      expect(admin.mustChangePassword).toBe(false);
      const login = await signIn(admin.email as string, admin.password as string);
      expect(login.body.mustChangePassword).toBe(false);
      const groups = await session.stack.api.get(
        '/api/v1/groups',
        login.body.accessToken as string,
      );
      expect(groups.status).toBe(200);
    });

    it('true: a technician created or reset by an administrator must change the password at sign-in', async () => {
      await setPolicy({ forceChangeOnAdminSet: true });

      const technician = await createTechnician(session.stack.api, session.token, session.group.id);
      expect(technician.mustChangePassword).toBe(true);
      expect(
        (await signIn(technician.email as string, technician.password as string)).body
          .mustChangePassword,
      ).toBe(true);

      const reset = await session.stack.api.post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: STRONGEST },
        session.token,
      );
      expect(reset.status).toBe(204);
      expect((await signIn(technician.email as string, STRONGEST)).body.mustChangePassword).toBe(
        true,
      );
    });
  });

  describe('maxAgeDays', () => {
    it('30: a technician whose password is 31 days old must change it at sign-in; at 29 days, or with maxAgeDays 0, it need not', async () => {
      await setPolicy({ maxAgeDays: 30, forceChangeOnAdminSet: false });
      const technician = await createTechnician(session.stack.api, session.token, session.group.id);
      const email = technician.email as string;
      const password = technician.password as string;
      expect((await signIn(email, password)).body.mustChangePassword).toBe(false);

      await ageCredential(technician.id as string, 29);
      expect((await signIn(email, password)).body.mustChangePassword).toBe(false);

      await ageCredential(technician.id as string, 31);
      const expired = await signIn(email, password);
      expect(expired.body.mustChangePassword).toBe(true);
      const me = await session.stack.api.get('/api/v1/me', expired.body.accessToken as string);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: technician.id, role: 'technician' });

      await setPolicy({ maxAgeDays: 0, forceChangeOnAdminSet: false });
      expect((await signIn(email, password)).body.mustChangePassword).toBe(false);
    });

    it('30: an Administrator whose password is 31 days old gets a token refused on GET /groups with 403 PASSWORD_CHANGE_REQUIRED, good on /me and /auth/change-password', async () => {
      await setPolicy({ maxAgeDays: 30, forceChangeOnAdminSet: false });
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [session.group.id],
      });
      const email = admin.email as string;
      const fresh = await signIn(email, admin.password as string);
      expect(fresh.body.mustChangePassword).toBe(false);
      expect(
        (await session.stack.api.get('/api/v1/groups', fresh.body.accessToken as string)).status,
      ).toBe(200);

      await ageCredential(admin.id as string, 31);
      const expired = await signIn(email, admin.password as string);
      expect(expired.body.mustChangePassword).toBe(true);
      const token = expired.body.accessToken as string;
      expectProblem(
        await session.stack.api.get('/api/v1/groups', token),
        403,
        'PASSWORD_CHANGE_REQUIRED',
      );
      const me = await session.stack.api.get('/api/v1/me', token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: admin.id, role: 'admin' });

      const change = await session.stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: admin.password, newPassword: STRONGEST },
        token,
      );
      expect(change.status).toBe(204);
      const renewed = await signIn(email, STRONGEST);
      expect(renewed.body.mustChangePassword).toBe(false);
      expect(
        (await session.stack.api.get('/api/v1/groups', renewed.body.accessToken as string)).status,
      ).toBe(200);
    });

    it('30: GET /me of an account whose password has expired says mustChangePassword true, as sign-in did', async () => {
      await setPolicy({ maxAgeDays: 30, forceChangeOnAdminSet: false });
      const technician = await createTechnician(session.stack.api, session.token, session.group.id);
      await ageCredential(technician.id as string, 31);

      const login = await signIn(technician.email as string, technician.password as string);
      expect(login.body.mustChangePassword).toBe(true);
      const me = await session.stack.api.get('/api/v1/me', login.body.accessToken as string);

      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(true);
    });
  });

  describe('POST /auth/change-password', () => {
    it('answers 204; the new password signs in with mustChangePassword false, the old one no longer does', async () => {
      await setPolicy({});
      const technician = await createTechnician(session.stack.api, session.token, session.group.id);
      const first = await signIn(technician.email as string, technician.password as string);
      expect(first.body.mustChangePassword).toBe(true);

      const change = await session.stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: technician.password, newPassword: STRONGEST },
        first.body.accessToken as string,
      );

      expect(change.status).toBe(204);
      expect(change.text).toBe('');
      const login = await signIn(technician.email as string, STRONGEST);
      expect(login.body.mustChangePassword).toBe(false);
      const me = await session.stack.api.get('/api/v1/me', login.body.accessToken as string);
      expect(me.body.mustChangePassword).toBe(false);
      expectProblem(
        await session.stack.api.post('/api/v1/auth/login', {
          email: technician.email,
          password: technician.password,
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('answers a wrong currentPassword with 401 INVALID_CREDENTIALS and keeps the password', async () => {
      await setPolicy({});
      const technician = await createTechnician(session.stack.api, session.token, session.group.id);
      const email = technician.email as string;
      const token = (await signIn(email, technician.password as string)).body.accessToken as string;

      const change = await session.stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: 'Not-The-Password-1', newPassword: STRONGEST },
        token,
      );

      expectProblem(change, 401, 'INVALID_CREDENTIALS');
      expectProblem(
        await session.stack.api.post('/api/v1/auth/login', { email, password: STRONGEST }),
        401,
        'INVALID_CREDENTIALS',
      );
      const still = await signIn(email, technician.password as string);
      expect(still.body.mustChangePassword).toBe(true);
    });

    it('lets a token whose owner must change the password call /auth/change-password and /me, but not GET /groups (403 PASSWORD_CHANGE_REQUIRED)', async () => {
      await setPolicy({ forceChangeOnAdminSet: true });
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [session.group.id],
      });
      const login = await signIn(admin.email as string, admin.password as string);
      expect(login.body.mustChangePassword).toBe(true);
      const token = login.body.accessToken as string;

      expectProblem(
        await session.stack.api.get('/api/v1/groups', token),
        403,
        'PASSWORD_CHANGE_REQUIRED',
      );
      const me = await session.stack.api.get('/api/v1/me', token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: admin.id, role: 'admin', mustChangePassword: true });

      const change = await session.stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: admin.password, newPassword: STRONGEST },
        token,
      );
      expect(change.status).toBe(204);

      const renewed = await signIn(admin.email as string, STRONGEST);
      expect(renewed.body.mustChangePassword).toBe(false);
      const groups = await session.stack.api.get(
        '/api/v1/groups',
        renewed.body.accessToken as string,
      );
      expect(groups.status).toBe(200);
    });

    it('answers 401 UNAUTHENTICATED without a token', async () => {
      const response = await session.stack.api.post('/api/v1/auth/change-password', {
        currentPassword: GOOD_PASSWORD,
        newPassword: STRONGEST,
      });
      expectProblem(response, 401, 'UNAUTHENTICATED');
    });

    it.each([
      ['newPassword', 'missing', { currentPassword: GOOD_PASSWORD }],
      ['newPassword', 'not a string', { currentPassword: GOOD_PASSWORD, newPassword: 42 }],
      ['currentPassword', 'missing', { newPassword: STRONGEST }],
    ])('answers 400 VALIDATION_FAILED naming %s when it is %s', async (field, _, body) => {
      const response = await session.stack.api.post(
        '/api/v1/auth/change-password',
        body,
        session.token,
      );
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    });
  });
});
