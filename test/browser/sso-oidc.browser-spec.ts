import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { createAdministrator, createGroup, createTechnician } from '../support/fixtures';
import { startOidcOp } from '../support/idp/oidc-op';
import { api, checkPage, stack, useSession } from './support/app';
import { createSignedInOrganization, type Organization } from './support/organizations';
import { runTestSignIn, setSsoMode, signInAtProvider, startSignIn } from './support/sso';

/**
 * Single Sign-On through a real OpenID Provider (oidc-provider, test/support/idp): a Master
 * Administrator sets it up and runs a Test sign-in in a new window, makes it required; then
 * technicians and administrators sign in through it, and a break-glass master with a password.
 */
test.describe.configure({ mode: 'serial' });

const CLIENT = { client_id: 'rescue-admin', client_secret: 'a-secret-of-the-test-provider' };
let org: Organization;
let provider: { issuer: string; child: ChildProcess };
let group: { id: string };

test.beforeAll(async () => {
  org = await createSignedInOrganization('sso-oidc');
  const settings = (await api().get('/api/v1/settings/sso', org.token)).body;
  provider = await startOidcOp([{ ...CLIENT, redirect_uris: [settings.oidc.redirectUri] }]);
  const me = (await api().get('/api/v1/me', org.token)).body;
  const named = await api().request('PATCH', `/api/v1/administrators/${me.id}`, {
    token: org.token,
    body: { ssoId: 'oidc-master' },
  });
  expect(named.status).toBe(200);
  group = await createGroup(api(), org.token, { name: 'Signed in through OIDC' });
});

test.afterAll(() => {
  provider?.child.kill('SIGKILL');
});

test('a Master Administrator sets OpenID Connect up, runs a Test sign-in in a new window, then requires it', async ({
  page,
}) => {
  await useSession(page, org.email, org.password);
  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'Single Sign-On' });
  await section.getByRole('radio', { name: 'Optional' }).check();
  await section.getByRole('textbox', { name: 'Issuer' }).fill(provider.issuer);
  await section.getByRole('textbox', { name: 'Client ID' }).fill(CLIENT.client_id);
  await section.getByLabel('Client secret').fill(CLIENT.client_secret);
  await section.getByLabel('Break-glass Master Administrators', { exact: true }).click();
  await page.getByRole('option', { name: new RegExp(org.email) }).click();
  await page.keyboard.press('Escape');
  await section.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('The Single Sign-On settings are saved.')).toBeVisible();

  await runTestSignIn(page, section, provider.issuer, 'oidc-master');
  await checkPage(page, 'settings-sso-tested');
  await section.getByRole('radio', { name: 'Required' }).check();
  await section.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('The Single Sign-On settings are saved.').last()).toBeVisible();
  expect((await api().get('/api/v1/settings/sso', org.token)).body.mode).toBe('required');
});

test('required: a technician goes straight to the provider and lands where technicians land', async ({
  page,
}) => {
  const technician = await createTechnician(api(), org.token, group.id, { ssoId: 'oidc-tech' });
  await startSignIn(page, technician.email, 'required');
  await signInAtProvider(page, provider.issuer, 'oidc-tech');
  await expect(
    page.getByRole('heading', { name: 'This center is for administrators' }),
  ).toBeVisible();
});

test('required: an administrator signs in through the provider and lands in the center', async ({
  page,
}) => {
  const admin = await createAdministrator(api(), org.token, {
    groupIds: [group.id],
    ssoId: 'oidc-admin',
  });
  await startSignIn(page, admin.email, 'required');
  await signInAtProvider(page, provider.issuer, 'oidc-admin');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  // A password is refused for them, in words, with the way to the provider.
  const other = await page.context().newPage();
  await other.goto('/sign-in?password');
  await other.getByRole('textbox', { name: 'Email' }).fill(admin.email);
  await other.getByRole('textbox', { name: 'Password', exact: true }).fill(admin.password);
  await other.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(other.getByRole('status')).toContainText(
    'Your organization signs in through its identity provider',
  );
  await expect(other.getByRole('button', { name: 'Sign in with your organization' })).toBeVisible();
});

test('required: a break-glass Master Administrator still signs in with a password at /sign-in?password', async ({
  page,
}) => {
  await page.goto('/sign-in?password');
  await page.getByRole('textbox', { name: 'Email' }).fill(org.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(org.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('optional: the provider is offered beside the password; an unknown Single Sign-On ID is told in words', async ({
  page,
  browser,
}) => {
  await setSsoMode(org.token, 'optional');
  await startSignIn(page, org.email, 'optional');
  await signInAtProvider(page, provider.issuer, 'oidc-master');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  // Another browser: the provider's session of the first one would sign the master in again.
  const elsewhere = await browser.newContext({ baseURL: stack.baseUrl });
  const stranger = await elsewhere.newPage();
  await startSignIn(stranger, org.email, 'optional');
  await signInAtProvider(stranger, provider.issuer, 'nobody-here');
  await expect(stranger.getByRole('alert')).toContainText(
    'No account of your organization has the Single Sign-On ID your identity provider gave.',
  );
  await elsewhere.close();
});
