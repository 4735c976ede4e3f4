import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../support/chromium';

/**
 * The browser suite (test/browser): Debian's Chromium, driven by Playwright, against the
 * whole stack started once by global-setup.ts in databases and a QUEUE_PREFIX of its own.
 * Run alone: `npm run test:browser` (builds first) or `npm run test:browser:run`.
 * Screenshots of every page go to test-results/screens (git-ignored).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.browser-spec.ts',
  tsconfig: './tsconfig.run.json',
  globalSetup: './support/global-setup.ts',
  outputDir: '../../test-results/browser',
  // One stack, one browser: the machine has two cores, and the stack uses them.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // No retry: a retry hid a test that failed by a race (workflows.browser-spec.ts); a test
  // that fails, fails the run.
  retries: 0,
  reporter: [
    ['list'],
    ['html', { outputFolder: '../../test-results/browser-report', open: 'never' }],
  ],
  use: {
    baseURL: process.env.WEB_BASE_URL,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
});
