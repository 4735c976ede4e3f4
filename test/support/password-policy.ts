import type { ApiResponse } from './api-client';
import { createGroup } from './fixtures';
import { stackSession, StackSession } from './stack-session';

export interface Policy {
  minimumStrength: 'good' | 'strong' | 'excellent';
  minLength: number;
  rejectCommonPasswords: boolean;
  forceChangeOnAdminSet: boolean;
  maxAgeDays: number;
}

/** Spec section 2: the policy of an organization nobody has configured. */
export const DEFAULT_POLICY: Policy = {
  minimumStrength: 'good',
  minLength: 8,
  rejectCommonPasswords: true,
  forceChangeOnAdminSet: true,
  maxAgeDays: 0,
};

/** A password of 4 types, no character twice in a row, not common: accepted by every policy of minLength <= 16. */
export const STRONGEST = 'Vivid-Lantern-73';

/** A stack session with a group of the bootstrap organization to put accounts in. */
export interface PolicySession extends StackSession {
  group: { id: string };
}

/**
 * Declares, in the `describe` it is called in, a stack session (`label`) with a group, whose
 * organization's policy is put back to DEFAULT_POLICY after each test, whatever it set.
 */
export function passwordPolicySession(label: string) {
  const session = stackSession(label) as PolicySession;

  beforeAll(async () => {
    session.group = await createGroup(session.stack.api, session.token);
  });

  afterEach(async () => {
    // Leave the organization's policy as nobody had configured it, whatever a test set.
    if (session.token) await setPolicy({});
  });

  /** PUT the default policy with `changes`, expecting 200 and the policy back. */
  async function setPolicy(changes: Partial<Policy>, token = session.token): Promise<Policy> {
    const policy = { ...DEFAULT_POLICY, ...changes };
    const response = await session.stack.api.request('PUT', '/api/v1/settings/password-policy', {
      body: policy,
      token,
    });
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: policy });
    return policy;
  }

  async function getPolicy(token = session.token): Promise<Policy> {
    const response = await session.stack.api.get('/api/v1/settings/password-policy', token);
    expect(response.status).toBe(200);
    return response.body as Policy;
  }

  async function signIn(email: string, password: string): Promise<ApiResponse> {
    const response = await session.stack.api.post('/api/v1/auth/login', { email, password });
    expect(response.status).toBe(200);
    return response;
  }

  return { session, setPolicy, getPolicy, signIn };
}
