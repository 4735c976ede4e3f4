import { expect, type Locator, type Page } from '@playwright/test';
import { api } from './app';

/**
 * Steps of a sign-in through a test identity provider (test/support/idp): both providers'
 * login pages ask for a Username (the Single Sign-On ID they answer) and a Sign in button.
 */
export async function signInAtProvider(page: Page, providerUrl: string, username: string) {
  await expect(page).toHaveURL((url) => url.href.startsWith(providerUrl));
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The sign-in page's email step; `required` goes to the provider at once, `optional` offers it. */
export async function startSignIn(page: Page, email: string, mode: 'optional' | 'required') {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  if (mode === 'optional') {
    await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Sign in with your organization' }).click();
  }
}

/**
 * Test sign-in from Global Settings: the provider opens in a new window, the person signs in
 * there, the window says so and tells the settings page, which shows the success.
 */
export async function runTestSignIn(
  page: Page,
  section: Locator,
  providerUrl: string,
  username: string,
): Promise<void> {
  const opened = page.waitForEvent('popup');
  await section.getByRole('button', { name: 'Test sign-in' }).click();
  const popup = await opened;
  await signInAtProvider(popup, providerUrl, username);
  await expect(popup.getByRole('heading', { name: 'Test sign-in' })).toBeVisible();
  await expect(popup.getByRole('status')).toContainText('Test sign-in succeeded');
  await expect(popup.getByRole('status')).toContainText(username);
  await expect(
    section.getByRole('status').filter({ hasText: 'Test sign-in succeeded' }),
  ).toBeVisible();
  await expect(section).toContainText('The last Test sign-in with these settings succeeded on');
  await popup.close();
}

/** Changes only the mode of saved settings, through the API. */
export async function setSsoMode(token: string, mode: 'off' | 'optional' | 'required') {
  const current = (await api().get('/api/v1/settings/sso', token)).body;
  const saved = await api().request('PUT', '/api/v1/settings/sso', {
    token,
    body: { mode, protocol: current.protocol, breakGlassAccountIds: current.breakGlassAccountIds },
  });
  expect(saved.status).toBe(200);
}
