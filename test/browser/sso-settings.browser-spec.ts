import { expect, test } from '@playwright/test';
import { api, checkPage, useSession } from './support/app';
import { createSignedInOrganization } from './support/organizations';

/**
 * Global Settings → Single Sign-On (issue 22): a Master Administrator saves OpenID Connect
 * settings, copies the addresses the provider needs, chooses break-glass masters, and is
 * told why Required cannot be saved before a Test sign-in.
 */
test('save OpenID Connect settings, copy the addresses, and be refused Required before a Test sign-in', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // An organization of its own: its sign-in changes with these settings.
  const org = await createSignedInOrganization('sso-settings');
  const me = (await api().get('/api/v1/me', org.token)).body;
  await useSession(page, org.email, org.password);
  await page.goto('/settings');

  const section = page.getByRole('region', { name: 'Single Sign-On' });
  await expect(section.getByRole('radio', { name: 'Off' })).toBeChecked();
  await expect(section.getByRole('button', { name: 'Test sign-in' })).toBeDisabled();
  await section.getByRole('radio', { name: 'Optional' }).check();
  await section.getByRole('button', { name: 'Save changes' }).click();
  // What OpenID Connect needs is asked for before anything is sent.
  await expect(section.getByText("Enter the issuer's address.")).toBeVisible();

  await section.getByRole('textbox', { name: 'Issuer' }).fill('ftp://login.example.com');
  await section.getByRole('textbox', { name: 'Client ID' }).fill('rescue-admin');
  await section.getByLabel('Client secret').fill('a-client-secret-of-the-provider');
  await section.getByRole('button', { name: 'Save changes' }).click();
  // The server's refusal lands on its field.
  await expect(section.getByRole('textbox', { name: 'Issuer' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );

  await section.getByRole('textbox', { name: 'Issuer' }).fill('https://login.example.com/tenant');
  await section.getByRole('textbox', { name: /^Claim matched/ }).fill('email');
  await section.getByLabel('Break-glass Master Administrators', { exact: true }).click();
  await page.getByRole('option', { name: new RegExp(org.email) }).click();
  await page.keyboard.press('Escape'); // the list stays open for more choices
  await section.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('The Single Sign-On settings are saved.')).toBeVisible();

  const saved = (await api().get('/api/v1/settings/sso', org.token)).body;
  expect(saved).toMatchObject({
    mode: 'optional',
    protocol: 'oidc',
    oidc: { issuer: 'https://login.example.com/tenant', clientId: 'rescue-admin' },
    breakGlassAccountIds: [me.id],
  });
  expect(saved.oidc).toMatchObject({ clientSecretSet: true, ssoIdClaim: 'email' });

  // After a reload the secret is not shown, only that one is saved.
  await page.reload();
  await expect(section.getByLabel('Client secret')).toHaveValue('');
  await expect(section).toContainText('A client secret is saved (never shown).');
  await expect(section).toContainText(saved.oidc.redirectUri);
  await section.getByRole('button', { name: 'Copy Redirect URI' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(saved.oidc.redirectUri);
  await expect(section.getByRole('button', { name: 'Test sign-in' })).toBeEnabled();
  await expect(section).toContainText('No Test sign-in has succeeded with these settings yet.');
  await checkPage(page, 'settings-sso-oidc');

  // SAML's addresses: entity ID, ACS URL and the service provider's metadata.
  await section.getByRole('radio', { name: 'SAML 2.0' }).check();
  for (const [name, value] of [
    ['Entity ID', saved.saml.entityId],
    ['ACS URL', saved.saml.acsUrl],
    ['SP metadata URL', saved.saml.serviceProviderMetadataUrl],
  ]) {
    await expect(section.getByLabel(name, { exact: true })).toHaveText(value);
    await section.getByRole('button', { name: `Copy ${name}` }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  }
  await expect(section.getByRole('textbox', { name: 'Metadata XML' })).toBeVisible();
  await expect(
    section.getByRole('textbox', { name: 'Attribute matched with the Single Sign-On ID' }),
  ).toHaveAttribute('placeholder', 'NameID');
  await section.getByRole('radio', { name: 'OpenID Connect' }).check();

  // Required needs a Test sign-in that succeeded with the saved settings first.
  await section.getByRole('radio', { name: 'Required' }).check();
  await section.getByRole('button', { name: 'Save changes' }).click();
  await expect(section).toContainText(
    'Single Sign-On can be made required only after a Test sign-in succeeded',
  );
  expect((await api().get('/api/v1/settings/sso', org.token)).body.mode).toBe('optional');
});
