import { randomUUID } from 'node:crypto';
import { administratorRequests } from '../support/administrator-requests';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { createOrganization } from '../support/organizations';
import { expectProblem } from '../support/problems';
import { stackSession } from '../support/stack-session';

describe('Administrators (spec section 3): who may manage them, the last Master Administrator, tenancy', () => {
  const session = stackSession('administrators-access');
  const { changePassword, listAll, patch } = administratorRequests(session);

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
      session.stack,
      `Organization ${randomUUID()}`,
      email,
      GOOD_PASSWORD,
    );
    const password = 'Org-Master-Pass-8';
    const token = await changePassword(email, GOOD_PASSWORD, password);
    return { ...reply, email, password, token };
  }

  describe('who may call them', () => {
    it('answers 401 UNAUTHENTICATED without a token', async () => {
      const response = await session.stack.api.get('/api/v1/administrators');
      expectProblem(response, 401, 'UNAUTHENTICATED');
    });

    it('answers 403 FORBIDDEN to an Administrator, since only a Master Administrator manages administrators', async () => {
      const group = await createGroup(session.stack.api, session.token);
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [group.id],
      });
      const token = await signInChangingPassword(session.stack.api, admin.email, admin.password);

      expectProblem(await session.stack.api.get('/api/v1/administrators', token), 403, 'FORBIDDEN');
      expectProblem(
        await session.stack.api.post(
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
      const group = await createGroup(session.stack.api, session.token);
      const technician = await createTechnician(session.stack.api, session.token, group.id);
      const token = await signInChangingPassword(
        session.stack.api,
        technician.email,
        technician.password,
      );

      expectProblem(await session.stack.api.get('/api/v1/administrators', token), 403, 'FORBIDDEN');
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
      const login = await session.stack.api.post('/api/v1/auth/login', {
        email: organization.email,
        password: organization.password,
      });
      expect(login.status).toBe(200);
      expect(login.body.role).toBe('master_admin');
    });

    it('allows disabling or demoting a Master Administrator once there is a second enabled one', async () => {
      const organization = await anotherOrganization();
      const second = await createAdministrator(session.stack.api, organization.token, {
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
      const secondToken = await signInChangingPassword(
        session.stack.api,
        second.email,
        second.password,
      );
      expectProblem(await patch(second.id, { role: 'admin' }, secondToken), 409, 'CONFLICT');
      expectProblem(await patch(second.id, { enabled: false }, secondToken), 409, 'CONFLICT');
    });
  });

  describe('tenancy', () => {
    it("answers 404 for another organization's administrator and never lists it", async () => {
      const organization = await anotherOrganization();
      const ours = await createAdministrator(session.stack.api, session.token);

      const theirs = await listAll(organization.token);
      expect(theirs.map((item) => item.id)).toEqual([organization.administratorId]);
      expect((await listAll(session.token)).map((item) => item.id)).not.toContain(
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
      const group = await createGroup(session.stack.api, session.token);
      expectProblem(
        await session.stack.api.post(
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
