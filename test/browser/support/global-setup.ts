import type { FullConfig } from '@playwright/test';
import { Stack } from '../../support/stack';

/**
 * Starts the whole stack (gateway serving web/dist, identity, org, import) once for the
 * browser suite, in databases and a QUEUE_PREFIX of its own; the tests read where it is from
 * the environment. `npm run build` must have run (npm test and test:browser do).
 */
export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const stack = await Stack.start('browser', {
    // Every request of the suite comes from 127.0.0.1, many through one token.
    RATE_LIMIT_PER_TOKEN: '1000000',
    RATE_LIMIT_PER_ADDRESS: '1000000',
  });
  process.env.WEB_BASE_URL = `http://127.0.0.1:${stack.env.port}`;
  process.env.WEB_ADMIN_EMAIL = stack.adminEmail;
  process.env.WEB_ADMIN_PASSWORD = stack.adminPassword;
  process.env.WEB_LOG_DIR = stack.env.logDir;
  // For tests that run the stack's own tools (npm run org:create) against it.
  process.env.WEB_STACK_VARS = JSON.stringify(stack.env.vars);
  return () => stack.stop();
}
