import { randomBytes, randomUUID } from 'node:crypto';
import {
  createGroup,
  createTechnician,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { createOrganization } from '../support/organizations';
import { expectProblem } from '../support/problems';
import { stackSession } from '../support/stack-session';
import { technicianRequests } from '../support/technician-requests';
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

describe('Technicians: creating one (as the bootstrap Master Administrator)', () => {
  const session = stackSession('technicians-create');
  const { api, login, postTechnician, validBody } = technicianRequests(session);

  describe('POST /groups/:id/technicians', () => {
    it('creates a technician: 201 with every field, the group’s permissions and mustChangePassword', async () => {
      const group = await createGroup(api(), session.token, {
        permissions: ['RemoteControl', 'Chat'],
      });
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
        organizationId: session.master.organizationId,
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
      const group = await createGroup(api(), session.token);

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
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);

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
      const group = await createGroup(api(), session.token);
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
      const group = await createGroup(api(), session.token);
      const body = change(validBody());

      const response = await postTechnician(group.id, body);

      expectProblem(response, 400, 'VALIDATION_FAILED', field);
      const inGroup = await api().get(`/api/v1/groups/${group.id}/technicians`, session.token);
      expect(inGroup.body.items).toEqual([]);
    });

    it('refuses the same email in another case with 409 EMAIL_TAKEN', async () => {
      const group = await createGroup(api(), session.token);
      const other = await createGroup(api(), session.token);
      const email = uniqueEmail('tech');
      await createTechnician(api(), session.token, group.id, { email });

      const response = await postTechnician(other.id, validBody({ email: email.toUpperCase() }));

      expectProblem(response, 409, 'EMAIL_TAKEN', 'email');
      const inOther = await api().get(`/api/v1/groups/${other.id}/technicians`, session.token);
      expect(inOther.body.items).toEqual([]);
    });

    it('refuses the login email of an administrator with 409 EMAIL_TAKEN', async () => {
      const group = await createGroup(api(), session.token);

      expectProblem(
        await postTechnician(group.id, validBody({ email: session.stack.adminEmail })),
        409,
        'EMAIL_TAKEN',
        'email',
      );
      expectProblem(
        await postTechnician(
          group.id,
          validBody({ email: session.stack.adminEmail.toUpperCase() }),
        ),
        409,
        'EMAIL_TAKEN',
        'email',
      );
      // The administrator's own sign-in is untouched.
      expect((await login(session.stack.adminEmail, session.stack.adminPassword)).status).toBe(200);
    });

    it('refuses an SSO ID already used in the organization with 409 SSO_ID_TAKEN', async () => {
      const group = await createGroup(api(), session.token);
      const other = await createGroup(api(), session.token);
      const ssoId = `sso-${randomUUID()}`;
      await createTechnician(api(), session.token, group.id, { ssoId });

      const response = await postTechnician(other.id, validBody({ ssoId }));

      expectProblem(response, 409, 'SSO_ID_TAKEN', 'ssoId');
    });

    it('refuses "password" with 422 PASSWORD_POLICY and one error per rule it breaks', async () => {
      const group = await createGroup(api(), session.token);
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
      const group = await createGroup(api(), session.token);

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

  describe('across organizations', () => {
    let otherToken: string;
    let otherGroupId: string;

    beforeAll(async () => {
      const adminEmail = uniqueEmail('second-master');
      expect(
        await createOrganization(
          session.stack,
          `Second org ${randomUUID()}`,
          adminEmail,
          GOOD_PASSWORD,
        ),
      ).toMatchObject({ organizationId: expect.any(String) });
      otherToken = await signInChangingPassword(api(), adminEmail, GOOD_PASSWORD);
      otherGroupId = (await createGroup(api(), otherToken)).id;
    });

    it('lets another organization use the same SSO ID (unique within an organization only)', async () => {
      const group = await createGroup(api(), session.token);
      const ssoId = `sso-${randomUUID()}`;
      await createTechnician(api(), session.token, group.id, { ssoId });

      const response = await api().post(
        `/api/v1/groups/${otherGroupId}/technicians`,
        validBody({ ssoId }),
        otherToken,
      );

      expect(response.status).toBe(201);
      expect(response.body.ssoId).toBe(ssoId);
    });

    it('refuses an email used in another organization with 409 EMAIL_TAKEN (unique system-wide)', async () => {
      const group = await createGroup(api(), session.token);
      const technician = await createTechnician(api(), session.token, group.id);

      const response = await api().post(
        `/api/v1/groups/${otherGroupId}/technicians`,
        validBody({ email: technician.email.toUpperCase() }),
        otherToken,
      );

      expectProblem(response, 409, 'EMAIL_TAKEN', 'email');
    });
  });
});
