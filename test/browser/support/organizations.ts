import { expect } from '@playwright/test';
import { GOOD_PASSWORD, signInChangingPassword, uniqueEmail } from '../../support/fixtures';
import { createOrganization } from '../../support/organizations';
import { api } from './app';

export interface Organization {
  email: string;
  password: string;
  token: string;
}

/**
 * A further organization of the browser suite's stack (`npm run org:create`), signed in with
 * a password it no longer has to change. For tests that change organization-wide things
 * (the password policy) or need an organization with nothing in it.
 */
export async function createSignedInOrganization(label: string): Promise<Organization> {
  const email = uniqueEmail(label);
  const stack = { env: { vars: JSON.parse(process.env.WEB_STACK_VARS!) } };
  await createOrganization(stack, `${label} ${email}`, email, GOOD_PASSWORD);
  const first = await api().post('/api/v1/auth/login', { email, password: GOOD_PASSWORD });
  expect(first.status).toBe(200);
  const token = await signInChangingPassword(api(), email, GOOD_PASSWORD);
  const password = first.body.mustChangePassword ? `${GOOD_PASSWORD}-New9` : GOOD_PASSWORD;
  return { email, password, token };
}
