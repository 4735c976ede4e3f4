import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './service-process';

const execFileAsync = promisify(execFile);

/** A running stack, or what a test knows of one: the environment its services run with. */
export interface StackEnvironment {
  env: { vars: Record<string, string> };
}

/**
 * `npm run org:create` with the stack's environment: a further organization and its Master
 * Administrator (who must change the password at the first sign-in).
 */
export async function createOrganization(
  stack: StackEnvironment,
  name: string,
  adminEmail: string,
  adminPassword: string,
): Promise<{ organizationId: string; administratorId: string }> {
  const cli = path.join(ROOT, 'dist/services/org/src/cli/org-create.js');
  const { stdout } = await execFileAsync(
    'node',
    [cli, '--name', name, '--admin-email', adminEmail, '--admin-password', adminPassword],
    { env: { ...process.env, ...stack.env.vars }, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '');
}
