import type { ApiResponse } from '../support/api-client';
import { createTechnician, uniqueEmail } from '../support/fixtures';
import { passwordPolicySession, Policy, STRONGEST } from '../support/password-policy';
import { expectProblem } from '../support/problems';

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

describe('Password policy (spec section 2): each rule, wherever a password is set', () => {
  const { session, setPolicy, signIn } = passwordPolicySession('policy-rules');
  const channels = {} as Record<ChannelName, Channel>;

  beforeAll(async () => {
    channels['POST /groups/:id/technicians'] = {
      field: 'password',
      success: 201,
      attempt: (password) =>
        session.stack.api.post(
          `/api/v1/groups/${session.group.id}/technicians`,
          { name: 'Policy Subject', email: uniqueEmail('created'), password },
          session.token,
        ),
    };

    const resetTarget = await createTechnician(session.stack.api, session.token, session.group.id);
    channels['POST /technicians/:id/password'] = {
      field: 'password',
      success: 204,
      attempt: (password) =>
        session.stack.api.post(
          `/api/v1/technicians/${resetTarget.id}/password`,
          { password },
          session.token,
        ),
    };

    // A technician who changes its own password: the current one is tracked as it changes.
    const owner = await createTechnician(session.stack.api, session.token, session.group.id);
    let current = owner.password as string;
    channels['POST /auth/change-password'] = {
      field: 'newPassword',
      success: 204,
      attempt: async (newPassword) => {
        const token = await session.stack.api.login(owner.email as string, current);
        const response = await session.stack.api.post(
          '/api/v1/auth/change-password',
          { currentPassword: current, newPassword },
          token,
        );
        if (response.status === 204) current = newPassword;
        return response;
      },
    };
  });

  /** 422 PASSWORD_POLICY with exactly one entry per broken rule, each naming `field`. */
  function expectRefused(response: ApiResponse, field: string, codes: string[]): void {
    expectProblem(response, 422, 'PASSWORD_POLICY');
    const errors = response.body.errors as { field: string; code: string; message: string }[];
    expect(errors.map((e) => e.code).sort()).toEqual([...codes].sort());
    for (const error of errors) {
      expect(error).toEqual({ field, code: error.code, message: expect.any(String) });
    }
  }

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

      const refused = await session.stack.api.post(
        `/api/v1/groups/${session.group.id}/technicians`,
        { name: 'Refused', email, password: 'Ab1!cdef' },
        session.token,
      );
      expectRefused(refused, 'password', ['PASSWORD_TOO_SHORT']);

      const accepted = await session.stack.api.post(
        `/api/v1/groups/${session.group.id}/technicians`,
        { name: 'Accepted', email, password: 'Ab1!cdefGhjk' },
        session.token,
      );
      expect(accepted.status).toBe(201);
    });

    it('keeps the old password when POST /technicians/:id/password is refused', async () => {
      await setPolicy({ minimumStrength: 'excellent' });
      const technician = await createTechnician(
        session.stack.api,
        session.token,
        session.group.id,
        {
          password: STRONGEST,
        },
      );

      const refused = await session.stack.api.post(
        `/api/v1/technicians/${technician.id}/password`,
        { password: 'Blue-Harbour' },
        session.token,
      );
      expectRefused(refused, 'password', ['PASSWORD_TOO_FEW_CHARACTER_TYPES']);

      await signIn(technician.email as string, STRONGEST);
      expectProblem(
        await session.stack.api.post('/api/v1/auth/login', {
          email: technician.email,
          password: 'Blue-Harbour',
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    });
  });
});
