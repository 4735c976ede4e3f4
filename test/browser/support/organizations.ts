import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';
import { GOOD_PASSWORD, signInChangingPassword, uniqueEmail } from '../../support/fixtures';
import { api } from './app';

const execFileAsync = promisify(execFile);

export interface Organization {
  email: string;
  password: string;
  token: string;
}

/**
 * A further organization of the same stack (`npm run org:create`), signed in with a password
 * it no longer has to change. For tests that change organization-wide
 * things (the password policy) or need an organization with nothing in it.
 */
export async function createOrganization(label: string): Promise<Organization> {
  const email = uniqueEmail(label);
  const cli = path.resolve(__dirname, '../../../dist/services/org/src/cli/org-create.js');
  await execFileAsync(
    'node',
    [cli, '--name', `${label} ${email}`, '--admin-email', email, '--admin-password', GOOD_PASSWORD],
    {
      env: { ...process.env, ...JSON.parse(process.env.WEB_STACK_VARS!) },
      timeout: 60_000,
    },
  );
  const first = await api().post('/api/v1/auth/login', { email, password: GOOD_PASSWORD });
  expect(first.status).toBe(200);
  const token = await signInChangingPassword(api(), email, GOOD_PASSWORD);
  const password = first.body.mustChangePassword ? `${GOOD_PASSWORD}-New9` : GOOD_PASSWORD;
  return { email, password, token };
}
