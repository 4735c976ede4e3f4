import { randomUUID } from 'node:crypto';
import type { ApiResponse } from '../support/api-client';
import { queryDatabase } from '../support/databases';
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

interface Policy {
  minimumStrength: 'good' | 'strong' | 'excellent';
  minLength: number;
  rejectCommonPasswords: boolean;
  forceChangeOnAdminSet: boolean;
  maxAgeDays: number;
}

/** Spec section 2: the policy of an organization nobody has configured. */
const DEFAULT_POLICY: Policy = {
  minimumStrength: 'good',
  minLength: 8,
  rejectCommonPasswords: true,
  forceChangeOnAdminSet: true,
  maxAgeDays: 0,
};

/** A password of 4 types, no character twice in a row, not common: accepted by every policy of minLength <= 16. */
const STRONGEST = 'Vivid-Lantern-73';

/** The three ways a password is set; each must apply the policy in force at that moment. */
const CHANNELS = [
  'POST /groups/:id/technicians',
  'POST /technicians/:id/password',
  'POST /auth/change-password',
] as const;
type ChannelName = (typeof CHANNELS)[number];

interface Channel {
  /** The body field the password travels in, which the 422 errors must name. */
  field: string;
  /** The status of an accepted password. */
  success: number;
  attempt(password: string): Promise<ApiResponse>;
}

interface RuleCase {
  rule: string;
  policy: Partial<Policy>;
  refused: [password: string, codes: string[]][];
  accepted: string[];
}

const RULE_CASES: RuleCase[] = [
  {
    rule: 'minLength 12: 8 characters are PASSWORD_TOO_SHORT, 12 are accepted',
    policy: { minLength: 12 },
    refused: [['Ab1!cdef', ['PASSWORD_TOO_SHORT']]],
    accepted: ['Ab1!cdefGhjk'],
  },
  {
    rule: 'a password breaking two rules gets one entry for each',
    policy: { minLength: 12, rejectCommonPasswords: false },
    refused: [['qzx', ['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_FEW_CHARACTER_TYPES']]],
    accepted: [],
  },
  {
    rule: 'good: 2 character types are refused, 3 types with a repeated character accepted',
    policy: { minimumStrength: 'good' },
    refused: [['blue-harbour', ['PASSWORD_TOO_FEW_CHARACTER_TYPES']]],
    accepted: ['Blue-Harbourr'],
  },
  {
    rule: 'strong: 3 types with a repeated character are refused; 3 types without, or 4 types with a repeat, accepted',
    policy: { minimumStrength: 'strong' },
    refused: [
      ['Blue-Harbourr', ['PASSWORD_REPEATED_CHARACTER']],
      ['blue-harbour', ['PASSWORD_TOO_FEW_CHARACTER_TYPES']],
    ],
    accepted: ['Blue-Harbourr7', 'Blue-Harbour'],
  },
  {
    rule: 'excellent: 3 types, or 4 types with a repeated character, are refused; 4 types without a repeat accepted',
    policy: { minimumStrength: 'excellent' },
    refused: [
      ['Blue-Harbour', ['PASSWORD_TOO_FEW_CHARACTER_TYPES']],
      ['Blue-Harbourr7', ['PASSWORD_REPEATED_CHARACTER']],
      ['blue-harbourr', ['PASSWORD_TOO_FEW_CHARACTER_TYPES', 'PASSWORD_REPEATED_CHARACTER']],
    ],
    accepted: ['Blue-Harbour7'],
  },
  {
    rule: 'rejectCommonPasswords true: "Password1!" (and any case of it) is PASSWORD_COMMON',
    policy: { rejectCommonPasswords: true },
    refused: [
      ['Password1!', ['PASSWORD_COMMON']],
      ['pASSWORD1!', ['PASSWORD_COMMON']],
    ],
    accepted: [],
  },
  {
    rule: 'rejectCommonPasswords false: "Password1!" is accepted',
    policy: { rejectCommonPasswords: false },
    refused: [],
    accepted: ['Password1!'],
  },
  {
    rule: 'a 129-character password is PASSWORD_TOO_LONG, 128 characters are accepted',
    policy: {},
    refused: [[`${'Aa1!'.repeat(32)}x`, ['PASSWORD_TOO_LONG']]],
    accepted: ['Aa1!'.repeat(32)],
  },
];

describe('Password policy (spec section 2, GET/PUT /settings/password-policy)', () => {
  let stack: Stack;
  let master: string;
  let group: { id: string };
  const channels = {} as Record<ChannelName, Channel>;

  beforeAll(async () => {
    stack = await Stack.start('passwordpolicy');
    master = await stack.adminToken();
    group = await createGroup(stack.api, master);

    channels['POST /groups/:id/technicians'] = {
      field: 'password',
      success: 201,
      attempt: (password) =>
        stack.api.post(
          `/api/v1/groups/${group.id}/technicians`,
          { name: 'Policy Subject', email: uniqueEmail('created'), password },
          master,
        ),
    };

    const resetTarget = await createTechnician(stack.api, master, group.id);
    channels['POST /technicians/:id/password'] = {
      field: 'password',
      success: 204,
      attempt: (password) =>
        stack.api.post(`/api/v1/technicians/${resetTarget.id}/password`, { password }, master),
    };

    // A technician who changes its own password: the current one is tracked as it changes.
    const owner = await createTechnician(stack.api, master, group.id);
    let current = owner.password as string;
    channels['POST /auth/change-password'] = {
      field: 'newPassword',
      success: 204,
      attempt: async (newPassword) => {
        const token = await stack.api.login(owner.email as string, current);
        const response = await stack.api.post(
          '/api/v1/auth/change-password',
          { currentPassword: current, newPassword },
          token,
        );
        if (response.status === 204) current = newPassword;
        return response;
      },
    };
  });

  afterEach(async () => {
    // Leave the organization's policy as nobody had configured it, whatever a test set.
    if (master) await setPolicy({});
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** PUT the default policy with `changes`, expecting 200 and the policy back. */
  async function setPolicy(changes: Partial<Policy>, token = master): Promise<Policy> {
    const policy = { ...DEFAULT_POLICY, ...changes };
    const response = await stack.api.request('PUT', '/api/v1/settings/password-policy', {
      body: policy,
      token,
    });
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: policy });
    return policy;
  }

  async function getPolicy(token = master): Promise<Policy> {
    const response = await stack.api.get('/api/v1/settings/password-policy', token);
    expect(response.status).toBe(200);
    return response.body as Policy;
  }

  /** 422 PASSWORD_POLICY with exactly one entry per broken rule, each naming `field`. */
  function expectRefused(response: ApiResponse, field: string, codes: string[]): void {
    expectProblem(response, 422, 'PASSWORD_POLICY');
    const errors = response.body.errors as { field: string; code: string; message: string }[];
    expect(errors.map((e) => e.code).sort()).toEqual([...codes].sort());
    for (const error of errors) {
      expect(error).toEqual({ field, code: error.code, message: expect.any(String) });
    }
  }

  async function signIn(email: string, password: string): Promise<ApiResponse> {
    const response = await stack.api.post('/api/v1/auth/login', { email, password });
    expect(response.status).toBe(200);
    return response;
  }

  /** Moves the stored password_changed_at of an account `days` into the past (identity's own table). */
  async function ageCredential(accountId: string, days: number): Promise<void> {
    const rows = await queryDatabase(
      stack.env.databases.identity,
      `UPDATE credentials SET password_changed_at = now() - make_interval(days => $2) WHERE account_id = $1 RETURNING account_id`,
      [accountId, days],
    );
    expect(rows).toHaveLength(1);
  }

  /** A further organization with its own Master Administrator (through the org:create CLI). */
  async function anotherOrganization(): Promise<{ token: string }> {
    const email = uniqueEmail('master');
    await createOrganization(stack, `Organization ${randomUUID()}`, email, STRONGEST);
    return { token: await signInChangingPassword(stack.api, email, STRONGEST) };
  }

  describe('GET /settings/password-policy', () => {
    it('answers the defaults of spec section 2 for an organization that never set one (good, 8, true, true, 0), whatever another organization set', async () => {
      await setPolicy({ minimumStrength: 'excellent', minLength: 20, maxAgeDays: 5 });
      const organization = await anotherOrganization();

      const response = await stack.api.get('/api/v1/settings/password-policy', organization.token);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        minimumStrength: 'good',
        minLength: 8,
        rejectCommonPasswords: true,
        forceChangeOnAdminSet: true,
        maxAgeDays: 0,
      });

      // And the other organization's stricter policy does not apply there.
      const theirGroup = await createGroup(stack.api, organization.token);
      const created = await stack.api.post(
        `/api/v1/groups/${theirGroup.id}/technicians`,
        { name: 'Short', email: uniqueEmail('short'), password: 'Ab1!cdef' },
        organization.token,
      );
      expect(created.status).toBe(201);
    });

    it('may be read by an Administrator, but not by a technician (403 FORBIDDEN) nor without a token (401)', async () => {
      await setPolicy({ minLength: 10 });
      const admin = await createAdministrator(stack.api, master, { groupIds: [group.id] });
      const adminToken = await signInChangingPassword(stack.api, admin.email, admin.password);
      expect(await getPolicy(adminToken)).toEqual({ ...DEFAULT_POLICY, minLength: 10 });

      const technician = await createTechnician(stack.api, master, group.id);
      const technicianToken = await signInChangingPassword(
        stack.api,
        technician.email,
        technician.password,
      );
      expectProblem(
        await stack.api.get('/api/v1/settings/password-policy', technicianToken),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await stack.api.get('/api/v1/settings/password-policy'),
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

      const response = await stack.api.request('PUT', '/api/v1/settings/password-policy', {
        body: policy,
        token: master,
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual(policy);
      expect(await getPolicy()).toEqual(policy);

      const back = await stack.api.request('PUT', '/api/v1/settings/password-policy', {
        body: { ...policy, minimumStrength: 'strong', minLength: 128, maxAgeDays: 0 },
        token: master,
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
      const admin = await createAdministrator(stack.api, master, { groupIds: [group.id] });
      const token = await signInChangingPassword(stack.api, admin.email, admin.password);

      const response = await stack.api.request('PUT', '/api/v1/settings/password-policy', {
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

        const response = await stack.api.request('PUT', '/api/v1/settings/password-policy', {
          body,
          token: master,
        });

        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
        expect(await getPolicy()).toEqual(before);
      },
    );
  });

  describe.each(CHANNELS)('enforced at once on %s', (channelName) => {
    it.each(RULE_CASES)('$rule', async ({ policy, refused, accepted }) => {
      await setPolicy(policy);
      const channel = channels[channelName];

      for (const [password, codes] of refused) {
        expectRefused(await channel.attempt(password), channel.field, codes);
      }
      for (const password of accepted) {
        const response = await channel.attempt(password);
        expect({ password, status: response.status }).toEqual({
          password,
          status: channel.success,
        });
      }
    });
  });

  describe('a refused password creates nothing', () => {
    it('leaves the email free when POST /groups/:id/technicians is refused', async () => {
      await setPolicy({ minLength: 12 });
      const email = uniqueEmail('refused');

      const refused = await stack.api.post(
        `/api/v1/groups/${group.id}/technicians`,
        { name: 'Refused', email, password: 'Ab1!cdef' },
        master,
      );
      expectRefused(refused, 'password', ['PASSWORD_TOO_SHORT']);

      const accepted = await stack.api.post(
        `/api/v1/groups/${group.id}/technicians`,
        { name: 'Accepted', email, password: 'Ab1!cdefGhjk' },
        master,
      );
      expect(accepted.status).toBe(201);
    });

    it('keeps the old password when POST /technicians/:id/password is refused', async () => {
      await setPolicy({ minimumStrength: 'excellent' });
      const technician = await createTechnician(stack.api, master, group.id, {
        password: STRONGEST,
      });

      const refused = await stack.api.post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: 'Blue-Harbour' },
        master,
      );
      expectRefused(refused, 'password', ['PASSWORD_TOO_FEW_CHARACTER_TYPES']);

      await signIn(technician.email as string, STRONGEST);
      expectProblem(
        await stack.api.post('/api/v1/auth/login', {
          email: technician.email,
          password: 'Blue-Harbour',
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    });
  });

  describe('forceChangeOnAdminSet', () => {
    it('false: a technician created or reset by an administrator signs in with mustChangePassword false', async () => {
      await setPolicy({ forceChangeOnAdminSet: false });

      const technician = await createTechnician(stack.api, master, group.id);
      expect(technician.mustChangePassword).toBe(false);
      const login = await signIn(technician.email as string, technician.password as string);
      expect(login.body.mustChangePassword).toBe(false);
      const token = login.body.accessToken as string;
      const me = await stack.api.get('/api/v1/me', token);
      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(false);

      const reset = await stack.api.post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: STRONGEST },
        master,
      );
      expect(reset.status).toBe(204);
      expect((await signIn(technician.email as string, STRONGEST)).body.mustChangePassword).toBe(
        false,
      );
    });

    it('false: an administrator created by the Master Administrator signs in with mustChangePassword false and can work at once', async () => {
      await setPolicy({ forceChangeOnAdminSet: false });

      const admin = await createAdministrator(stack.api, master, { groupIds: [group.id] });
      expect(admin.mustChangePassword).toBe(false);
      const login = await signIn(admin.email as string, admin.password as string);
      expect(login.body.mustChangePassword).toBe(false);
      const groups = await stack.api.get('/api/v1/groups', login.body.accessToken as string);
      expect(groups.status).toBe(200);
    });

    it('true: a technician created or reset by an administrator must change the password at sign-in', async () => {
      await setPolicy({ forceChangeOnAdminSet: true });

      const technician = await createTechnician(stack.api, master, group.id);
      expect(technician.mustChangePassword).toBe(true);
      expect(
        (await signIn(technician.email as string, technician.password as string)).body
          .mustChangePassword,
      ).toBe(true);

      const reset = await stack.api.post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: STRONGEST },
        master,
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
      const technician = await createTechnician(stack.api, master, group.id);
      const email = technician.email as string;
      const password = technician.password as string;
      expect((await signIn(email, password)).body.mustChangePassword).toBe(false);

      await ageCredential(technician.id as string, 29);
      expect((await signIn(email, password)).body.mustChangePassword).toBe(false);

      await ageCredential(technician.id as string, 31);
      const expired = await signIn(email, password);
      expect(expired.body.mustChangePassword).toBe(true);
      const me = await stack.api.get('/api/v1/me', expired.body.accessToken as string);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: technician.id, role: 'technician' });

      await setPolicy({ maxAgeDays: 0, forceChangeOnAdminSet: false });
      expect((await signIn(email, password)).body.mustChangePassword).toBe(false);
    });

    it('30: an Administrator whose password is 31 days old gets a token refused on GET /groups with 403 PASSWORD_CHANGE_REQUIRED, good on /me and /auth/change-password', async () => {
      await setPolicy({ maxAgeDays: 30, forceChangeOnAdminSet: false });
      const admin = await createAdministrator(stack.api, master, { groupIds: [group.id] });
      const email = admin.email as string;
      const fresh = await signIn(email, admin.password as string);
      expect(fresh.body.mustChangePassword).toBe(false);
      expect((await stack.api.get('/api/v1/groups', fresh.body.accessToken as string)).status).toBe(
        200,
      );

      await ageCredential(admin.id as string, 31);
      const expired = await signIn(email, admin.password as string);
      expect(expired.body.mustChangePassword).toBe(true);
      const token = expired.body.accessToken as string;
      expectProblem(await stack.api.get('/api/v1/groups', token), 403, 'PASSWORD_CHANGE_REQUIRED');
      const me = await stack.api.get('/api/v1/me', token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: admin.id, role: 'admin' });

      const change = await stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: admin.password, newPassword: STRONGEST },
        token,
      );
      expect(change.status).toBe(204);
      const renewed = await signIn(email, STRONGEST);
      expect(renewed.body.mustChangePassword).toBe(false);
      expect(
        (await stack.api.get('/api/v1/groups', renewed.body.accessToken as string)).status,
      ).toBe(200);
    });

    it('30: GET /me of an account whose password has expired says mustChangePassword true, as sign-in did', async () => {
      await setPolicy({ maxAgeDays: 30, forceChangeOnAdminSet: false });
      const technician = await createTechnician(stack.api, master, group.id);
      await ageCredential(technician.id as string, 31);

      const login = await signIn(technician.email as string, technician.password as string);
      expect(login.body.mustChangePassword).toBe(true);
      const me = await stack.api.get('/api/v1/me', login.body.accessToken as string);

      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(true);
    });
  });

  describe('POST /auth/change-password', () => {
    it('answers 204; the new password signs in with mustChangePassword false, the old one no longer does', async () => {
      await setPolicy({});
      const technician = await createTechnician(stack.api, master, group.id);
      const first = await signIn(technician.email as string, technician.password as string);
      expect(first.body.mustChangePassword).toBe(true);

      const change = await stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: technician.password, newPassword: STRONGEST },
        first.body.accessToken as string,
      );

      expect(change.status).toBe(204);
      expect(change.text).toBe('');
      const login = await signIn(technician.email as string, STRONGEST);
      expect(login.body.mustChangePassword).toBe(false);
      const me = await stack.api.get('/api/v1/me', login.body.accessToken as string);
      expect(me.body.mustChangePassword).toBe(false);
      expectProblem(
        await stack.api.post('/api/v1/auth/login', {
          email: technician.email,
          password: technician.password,
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    });

    it('answers a wrong currentPassword with 401 INVALID_CREDENTIALS and keeps the password', async () => {
      await setPolicy({});
      const technician = await createTechnician(stack.api, master, group.id);
      const email = technician.email as string;
      const token = (await signIn(email, technician.password as string)).body.accessToken as string;

      const change = await stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: 'Not-The-Password-1', newPassword: STRONGEST },
        token,
      );

      expectProblem(change, 401, 'INVALID_CREDENTIALS');
      expectProblem(
        await stack.api.post('/api/v1/auth/login', { email, password: STRONGEST }),
        401,
        'INVALID_CREDENTIALS',
      );
      const still = await signIn(email, technician.password as string);
      expect(still.body.mustChangePassword).toBe(true);
    });

    it('lets a token whose owner must change the password call /auth/change-password and /me, but not GET /groups (403 PASSWORD_CHANGE_REQUIRED)', async () => {
      await setPolicy({ forceChangeOnAdminSet: true });
      const admin = await createAdministrator(stack.api, master, { groupIds: [group.id] });
      const login = await signIn(admin.email as string, admin.password as string);
      expect(login.body.mustChangePassword).toBe(true);
      const token = login.body.accessToken as string;

      expectProblem(await stack.api.get('/api/v1/groups', token), 403, 'PASSWORD_CHANGE_REQUIRED');
      const me = await stack.api.get('/api/v1/me', token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: admin.id, role: 'admin', mustChangePassword: true });

      const change = await stack.api.post(
        '/api/v1/auth/change-password',
        { currentPassword: admin.password, newPassword: STRONGEST },
        token,
      );
      expect(change.status).toBe(204);

      const renewed = await signIn(admin.email as string, STRONGEST);
      expect(renewed.body.mustChangePassword).toBe(false);
      const groups = await stack.api.get('/api/v1/groups', renewed.body.accessToken as string);
      expect(groups.status).toBe(200);
    });

    it('answers 401 UNAUTHENTICATED without a token', async () => {
      const response = await stack.api.post('/api/v1/auth/change-password', {
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
      const response = await stack.api.post('/api/v1/auth/change-password', body, master);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    });
  });
});
