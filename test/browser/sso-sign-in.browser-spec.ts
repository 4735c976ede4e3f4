import { expect, test } from '@playwright/test';
import { uniqueEmail } from '../support/fixtures';
import { api, checkPage, stack } from './support/app';
import { createSignedInOrganization } from './support/organizations';

/**
 * Single Sign-On on the sign-in page (issue 22): the email first, then the password or the
 * organization's identity provider; /sign-in/sso says a refused sign-in in words.
 */

const fakeOidc = {
  issuer: 'https://login.example.com/tenant/v2.0',
  clientId: 'rescue-admin',
  clientSecret: 'a-client-secret-of-the-provider',
};

test('an email whose organization has no Single Sign-On goes on to the password', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Email' }).fill(uniqueEmail('nobody'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with your organization' })).toHaveCount(0);
  // The email can be changed: back to the first step.
  await page.getByRole('button', { name: 'Use another email' }).click();
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
});

test('an organization with Single Sign-On optional is offered its provider beside the password', async ({
  page,
}) => {
  const org = await createSignedInOrganization('sso-optional');
  const saved = await api().request('PUT', '/api/v1/settings/sso', {
    token: org.token,
    body: { mode: 'optional', protocol: 'oidc', oidc: fakeOidc, breakGlassAccountIds: [] },
  });
  expect(saved.status).toBe(200);

  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(org.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with your organization' })).toBeVisible();
  await checkPage(page, 'sign-in-sso-optional');
  // The password still works while Single Sign-On is optional.
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(org.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('/sign-in?password asks for email and password at once (break-glass Master Administrators)', async ({
  page,
}) => {
  await page.goto('/sign-in?password');
  await page.getByRole('textbox', { name: 'Email' }).fill(stack.adminEmail);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(stack.adminPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('the page the provider sends the browser back to says a refusal in words', async ({
  page,
}) => {
  await page.goto('/sign-in/sso?error=SSO_FAILED&reason=state-mismatch');
  await expect(page.getByRole('alert')).toContainText(
    'This sign-in has expired or was started in another browser: start again.',
  );
  await checkPage(page, 'sign-in-sso-refused');

  await page.goto('/sign-in/sso?error=SSO_FAILED&reason=signature-invalid');
  await expect(page.getByRole('alert')).toContainText(
    "The identity provider's answer could not be verified (signature).",
  );
  await page.goto('/sign-in/sso?error=SSO_ACCOUNT_UNKNOWN');
  await expect(page.getByRole('alert')).toContainText(
    'No account of your organization has the Single Sign-On ID your identity provider gave.',
  );

  // A handoff this browser did not start (no cookie): the server refuses it, in the same words.
  await page.goto(`/sign-in/sso?handoff=${'A'.repeat(43)}`);
  await expect(page.getByRole('alert')).toContainText(
    'This sign-in has expired or was started in another browser: start again.',
  );
  await page.getByRole('link', { name: 'Back to the sign-in page' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the refusal is said in German too', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await page.goto('/sign-in/sso?error=ACCOUNT_DISABLED');
  await expect(page.getByRole('alert')).toContainText('Dieses Konto ist deaktiviert.');
  await expect(page.getByRole('link', { name: 'Zurück zur Anmeldeseite' })).toBeVisible();
});
