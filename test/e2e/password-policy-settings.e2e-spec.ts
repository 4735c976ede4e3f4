import { randomUUID } from 'node:crypto';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { createOrganization } from '../support/organizations';
import {
  DEFAULT_POLICY,
  passwordPolicySession,
  Policy,
  STRONGEST,
} from '../support/password-policy';
import { expectProblem } from '../support/problems';

describe('Password policy (spec section 2): GET and PUT /settings/password-policy', () => {
  const { session, setPolicy, getPolicy } = passwordPolicySession('policy-settings');

  /** A further organization with its own Master Administrator (through the org:create CLI). */
  async function anotherOrganization(): Promise<{ token: string }> {
    const email = uniqueEmail('master');
    await createOrganization(session.stack, `Organization ${randomUUID()}`, email, STRONGEST);
    return { token: await signInChangingPassword(session.stack.api, email, STRONGEST) };
  }

  describe('GET /settings/password-policy', () => {
    it('answers the defaults of spec section 2 for an organization that never set one (good, 8, true, true, 0), whatever another organization set', async () => {
      await setPolicy({ minimumStrength: 'excellent', minLength: 20, maxAgeDays: 5 });
      const organization = await anotherOrganization();

      const response = await session.stack.api.get(
        '/api/v1/settings/password-policy',
        organization.token,
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        minimumStrength: 'good',
        minLength: 8,
        rejectCommonPasswords: true,
        forceChangeOnAdminSet: true,
        maxAgeDays: 0,
      });

      // And the other organization's stricter policy does not apply there.
      const theirGroup = await createGroup(session.stack.api, organization.token);
      const created = await session.stack.api.post(
        `/api/v1/groups/${theirGroup.id}/technicians`,
        { name: 'Short', email: uniqueEmail('short'), password: 'Ab1!cdef' },
        organization.token,
      );
      expect(created.status).toBe(201);
    });

    it('may be read by an Administrator, but not by a technician (403 FORBIDDEN) nor without a token (401)', async () => {
      await setPolicy({ minLength: 10 });
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [session.group.id],
      });
      const adminToken = await signInChangingPassword(
        session.stack.api,
        admin.email,
        admin.password,
      );
      expect(await getPolicy(adminToken)).toEqual({ ...DEFAULT_POLICY, minLength: 10 });

      const technician = await createTechnician(session.stack.api, session.token, session.group.id);
      const technicianToken = await signInChangingPassword(
        session.stack.api,
        technician.email,
        technician.password,
      );
      expectProblem(
        await session.stack.api.get('/api/v1/settings/password-policy', technicianToken),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await session.stack.api.get('/api/v1/settings/password-policy'),
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  describe('PUT /settings/password-policy', () => {
    it('answers 200 with the new policy, which is then read back', async () => {
      const policy: Policy = {
        minimumStrength: 'excellent',
        minLength: 16,
        rejectCommonPasswords: false,
        forceChangeOnAdminSet: false,
        maxAgeDays: 90,
      };

      const response = await session.stack.api.request('PUT', '/api/v1/settings/password-policy', {
        body: policy,
        token: session.token,
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual(policy);
      expect(await getPolicy()).toEqual(policy);

      const back = await session.stack.api.request('PUT', '/api/v1/settings/password-policy', {
        body: { ...policy, minimumStrength: 'strong', minLength: 128, maxAgeDays: 0 },
        token: session.token,
      });
      expect(back.status).toBe(200);
      expect(await getPolicy()).toEqual({
        ...policy,
        minimumStrength: 'strong',
        minLength: 128,
        maxAgeDays: 0,
      });
    });

    it('answers 403 FORBIDDEN to an Administrator, and the policy stays as it was', async () => {
      await setPolicy({ minLength: 11 });
      const admin = await createAdministrator(session.stack.api, session.token, {
        groupIds: [session.group.id],
      });
      const token = await signInChangingPassword(session.stack.api, admin.email, admin.password);

      const response = await session.stack.api.request('PUT', '/api/v1/settings/password-policy', {
        body: { ...DEFAULT_POLICY, minLength: 8 },
        token,
      });

      expectProblem(response, 403, 'FORBIDDEN');
      expect(await getPolicy()).toEqual({ ...DEFAULT_POLICY, minLength: 11 });
    });

    const withField = (changes: Record<string, unknown>) => ({ ...DEFAULT_POLICY, ...changes });
    const without = (field: keyof Policy) => {
      const body: Record<string, unknown> = { ...DEFAULT_POLICY };
      delete body[field];
      return body;
    };
    it.each([
      ['minLength', 'minLength 7', withField({ minLength: 7 })],
      ['minLength', 'minLength 129', withField({ minLength: 129 })],
      ['minLength', 'a minLength that is not an integer', withField({ minLength: 9.5 })],
      ['minimumStrength', 'minimumStrength "weak"', withField({ minimumStrength: 'weak' })],
      ['minimumStrength', 'a missing minimumStrength', without('minimumStrength')],
      ['minLength', 'a missing minLength', without('minLength')],
      [
        'rejectCommonPasswords',
        'a missing rejectCommonPasswords',
        without('rejectCommonPasswords'),
      ],
      [
        'forceChangeOnAdminSet',
        'a missing forceChangeOnAdminSet',
        without('forceChangeOnAdminSet'),
      ],
      ['maxAgeDays', 'a missing maxAgeDays', without('maxAgeDays')],
      ['maxAgeDays', 'a negative maxAgeDays', withField({ maxAgeDays: -1 })],
      [
        'rejectCommonPasswords',
        'a boolean given as a string',
        withField({ rejectCommonPasswords: 'yes' }),
      ],
      ['passwordHistory', 'an unknown field', withField({ passwordHistory: 5 })],
    ])(
      'answers 400 VALIDATION_FAILED naming %s for %s, and changes nothing',
      async (field, _, body) => {
        const before = await setPolicy({ minimumStrength: 'strong', minLength: 10 });

        const response = await session.stack.api.request(
          'PUT',
          '/api/v1/settings/password-policy',
          {
            body,
            token: session.token,
          },
        );

        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
        expect(await getPolicy()).toEqual(before);
      },
    );
  });
});
