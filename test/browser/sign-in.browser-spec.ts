import { expect, type Page, test } from '@playwright/test';
import { createAdministrator, createGroup, createTechnician } from '../support/fixtures';
import {
  api,
  checkPage,
  masterToken,
  signIn,
  stack,
  submitSignIn,
  submitSignInForm,
  useSession,
} from './support/app';

/** Workflow 1 of issue 11: sign in, forced password change, sign out, a session that ends. */

test('the root address shows the sign-in page, and the gateway serves the app beside the API', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await checkPage(page, 'sign-in');

  const clientRoute = await request.get('/groups/00000000-0000-4000-8000-000000000000');
  expect(clientRoute.status()).toBe(200);
  expect(await clientRoute.text()).toContain('<div id="root"></div>');
  const csp = clientRoute.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self'(;|$)/);

  const unknownApi = await request.get('/api/v1/no-such-thing');
  expect(unknownApi.status()).toBe(404);
  expect(unknownApi.headers()['content-type']).toContain('application/problem+json');
});

test('a wrong password is refused in words, on the page', async ({ page }) => {
  await submitSignIn(page, stack.adminEmail, 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('The email or password is not correct.');
  await checkPage(page, 'sign-in-refused');
});

/** The token the page holds (where the app keeps it). */
async function heldToken(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => (JSON.parse(sessionStorage.getItem('rac.session') ?? 'null') as { token: string })?.token,
  );
}

test('a Master Administrator signs in, sees every section, and signs out', async ({ page }) => {
  await signIn(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Organization Tree', 'Import technicians', 'Global Settings']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  const token = await heldToken(page);
  expect((await api().get('/api/v1/me', token)).status).toBe(200);

  await page.getByRole('button', { name: /^Account of/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  expect(await heldToken(page)).toBeUndefined();
  // Signing out ended the session on the server too: the old token is refused.
  const refused = await api().get('/api/v1/me', token);
  expect([refused.status, refused.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
});

test('signing out forgets the token even when the server cannot be told', async ({ page }) => {
  await signIn(page);
  await page.route('**/api/v1/auth/logout', (route) => route.abort('connectionfailed'));
  await page.getByRole('button', { name: /^Account of/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  expect(await heldToken(page)).toBeUndefined();
});

test('an account that must change its password changes it first, with the rules shown live', async ({
  page,
}) => {
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: 'Sign-in group' });
  const admin = await createAdministrator(api(), token, { groupIds: [group.id] });
  expect(admin.mustChangePassword).toBe(true);

  await submitSignIn(page, admin.email, admin.password);
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();

  const rules = page.getByRole('list', { name: 'Password rules' });
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('short');
  await expect(
    rules.getByRole('listitem').filter({ hasText: 'At least 8 characters' }),
  ).toHaveAttribute('data-state', 'unmet');
  await checkPage(page, 'change-password');
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('Fresh-Orbit-73');
  await expect(
    rules.getByRole('listitem').filter({ hasText: 'At least 8 characters' }),
  ).toHaveAttribute('data-state', 'met');
  await expect(rules.getByRole('listitem').filter({ hasText: 'At least 3 of' })).toHaveAttribute(
    'data-state',
    'met',
  );

  // The server stays the judge: a common password passes the browser's rules but not the policy.
  await page.getByRole('textbox', { name: 'Current password' }).fill(admin.password);
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('Password1!');
  await page.getByRole('textbox', { name: 'Confirm new password' }).fill('Password1!');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText(/Too common/)).toBeVisible();

  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('Fresh-Orbit-73');
  await page.getByRole('textbox', { name: 'Confirm new password' }).fill('Fresh-Orbit-73');
  await page.getByRole('button', { name: 'Change password' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Organization Tree' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Import technicians' })).toHaveCount(0);
  expect(
    (await api().post('/api/v1/auth/login', { email: admin.email, password: 'Fresh-Orbit-73' }))
      .status,
  ).toBe(200);
});

test('a technician is told the center is for administrators', async ({ page }) => {
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: 'Technician sign-in group' });
  const technician = await createTechnician(api(), token, group.id, {});
  await submitSignIn(page, technician.email, technician.password);
  await expect(
    page.getByRole('heading', { name: 'This center is for administrators' }),
  ).toBeVisible();
  await checkPage(page, 'technician-only');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('an expired session goes back to sign-in and returns to the page it was on', async ({
  page,
}) => {
  await useSession(page);
  await page.goto('/settings');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // The token the page holds stops being valid (as when it expires on the server).
  await page.evaluate(() => {
    const stored = JSON.parse(sessionStorage.getItem('rac.session')!);
    sessionStorage.setItem(
      'rac.session',
      JSON.stringify({ ...stored, token: 'expired.token.value' }),
    );
  });
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?reason=expired&next=%2Fsettings$/);
  await expect(page.getByRole('status')).toContainText('Your session has ended');

  // And a token whose time is up ends the session on its own, without waiting for a request.
  await useSession(page);
  await page.goto('/settings');
  await page.evaluate(() => {
    const stored = JSON.parse(sessionStorage.getItem('rac.session')!);
    sessionStorage.setItem(
      'rac.session',
      JSON.stringify({ ...stored, expiresAt: Date.now() + 1500 }),
    );
  });
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?reason=expired&next=%2Fsettings/, { timeout: 15_000 });
  await submitSignInForm(page, stack.adminEmail, stack.adminPassword);
  await expect(page).toHaveURL(/\/settings$/);
});

test('the language selector switches the center to German, and the choice is kept', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByRole('textbox', { name: 'E-Mail' }).fill(stack.adminEmail);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('textbox', { name: 'Passwort', exact: true }).fill(stack.adminPassword);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(nav.getByRole('link', { name: 'Organisationsstruktur' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Techniker importieren' })).toBeVisible();
  await page.reload(); // the choice is kept
  await expect(nav.getByRole('link', { name: 'Organisationsstruktur' })).toBeVisible();
  await checkPage(page, 'organization-tree-de');
  await nav.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  const english = page.getByRole('navigation', { name: 'Main' });
  await expect(english.getByRole('link', { name: 'Organization Tree' })).toBeVisible();
});
