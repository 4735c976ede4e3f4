import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import { ApiClient } from '../../support/api-client';

/** The stack global-setup.ts started, seen from a test. */
export const stack = {
  get baseUrl(): string {
    return process.env.WEB_BASE_URL!;
  },
  get adminEmail(): string {
    return process.env.WEB_ADMIN_EMAIL!;
  },
  get adminPassword(): string {
    return process.env.WEB_ADMIN_PASSWORD!;
  },
};

/** The REST API of the same stack, to arrange data and to check what the pages did. */
export function api(): ApiClient {
  return new ApiClient(stack.baseUrl);
}

/** Signed in again after this long: a token lasts 15 minutes, the whole suite longer. */
const MASTER_TOKEN_REUSE_MS = 10 * 60_000;
let masterTokenCache: { token: string; at: number } | undefined;
/** A token of the bootstrap Master Administrator, for arranging data through the API. */
export async function masterToken(): Promise<string> {
  if (!masterTokenCache || Date.now() - masterTokenCache.at > MASTER_TOKEN_REUSE_MS) {
    const at = Date.now();
    masterTokenCache = { token: await api().login(stack.adminEmail, stack.adminPassword), at };
  }
  return masterTokenCache.token;
}

/** Fills in and sends the sign-in page, as a person does: the email, Continue, the password. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await submitSignInForm(page, email, password);
}

/** The sign-in page's two steps, on the page as it is (its address may carry `next`). */
export async function submitSignInForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs an administrator in through the sign-in page and waits for the signed-in frame. */
export async function signIn(
  page: Page,
  email = stack.adminEmail,
  password = stack.adminPassword,
): Promise<void> {
  await submitSignIn(page, email, password);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/**
 * Starts a session without the sign-in page (faster, for tests about other pages): the
 * token goes where the app keeps it. The sign-in page itself has its own tests.
 */
export async function useSession(
  page: Page,
  email = stack.adminEmail,
  password = stack.adminPassword,
): Promise<void> {
  const answer = await api().post('/api/v1/auth/login', { email, password });
  expect(answer.status).toBe(200);
  const stored = JSON.stringify({
    token: answer.body.accessToken,
    expiresAt: Date.now() + answer.body.expiresIn * 1000,
  });
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('rac.session')) sessionStorage.setItem('rac.session', value);
  }, stored);
}

/** axe-core itself (its current version, pinned in package.json), to run in the page. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
interface Axe {
  run: (context: Document, options: RunOptions) => Promise<AxeResults>;
}
const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
};

/** A serious or critical violation axe-core found, with the first few elements it found it on. */
export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core on the page as it is now: its serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, as a devtools expression: the app's Content-Security-Policy (its own scripts
  // only) would refuse it as a <script>.
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    // Run in the page, where axe.min.js has just defined `axe`.
    (options) => (window as unknown as { axe: Axe }).axe.run(document, options),
    AXE_OPTIONS,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const serious = await seriousViolations(page);
  expect({ page: label, violations: serious }).toEqual({ page: label, violations: [] });
}

const SCREENS = path.resolve(__dirname, '../../../test-results/screens');
/** A full-page screenshot for people to look at: test-results/screens/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  // From the top: a full-page shot of a scrolled page draws the fixed header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/** Both checks every page gets: axe, and a screenshot. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}
