import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './service-process';
import type { Stack } from './stack';

const execFileAsync = promisify(execFile);

/** `npm run org:create` with the stack's environment: a further organization and its Master Administrator. */
export async function createOrganization(
  stack: Stack,
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
