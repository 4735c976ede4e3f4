import { generateKeyPairSync } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  createAdministrator,
  createGroup,
  signInChangingPassword,
  uniqueEmail,
  GOOD_PASSWORD,
} from '../support/fixtures';
import { administratorByEmail } from './support/administrators';
import { api, checkPage, masterToken, stack, useSession } from './support/app';
import { createSignedInOrganization } from './support/organizations';

/**
 * Workflow 5 of issue 11: Global Settings, the accounts: administrators and service
 * principals. The password policies: settings-password-policies.browser-spec.ts.
 */

/** An Administrator of the main organization, assigned to `groupIds`, signed in on `page`. */
async function administratorSession(page: Page, groupIds: string[]): Promise<{ email: string }> {
  const admin = await createAdministrator(api(), await masterToken(), { groupIds });
  await signInChangingPassword(api(), admin.email, admin.password);
  await useSession(page, admin.email, `${admin.password}-New9`);
  return admin;
}

test.describe('Administrators', () => {
  test('create an administrator for a group, change its groups and role, then disable it', async ({
    page,
  }) => {
    const token = await masterToken();
    const first = await createGroup(api(), token, { name: `Admins first ${uniqueEmail('g')}` });
    const second = await createGroup(api(), token, { name: `Admins second ${uniqueEmail('g')}` });
    await useSession(page);
    await page.goto('/settings');

    await page.getByRole('button', { name: 'Create administrator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create administrator' });
    const email = uniqueEmail('ui-admin');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Grace Group-Admin');
    await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
    await dialog.getByRole('textbox', { name: 'Single Sign-On ID' }).fill(` sso-${email} `);
    await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill(GOOD_PASSWORD);
    await expect(dialog.getByRole('radio', { name: 'Administrator', exact: true })).toBeChecked();
    // Assigned groups is required for an Administrator.
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog.getByText(/Choose at least one group/)).toBeVisible();
    await pickGroup(page, dialog, first.name);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Administrator Grace Group-Admin is created.' }),
    ).toBeVisible();

    const row = page.getByRole('table', { name: 'Administrators' }).getByRole('row').filter({
      hasText: email,
    });
    await expect(row).toContainText(first.name);
    await expect(row).toContainText('Enabled');
    let created = await administratorByEmail(token, email);
    expect(created).toMatchObject({
      role: 'admin',
      groupIds: [first.id],
      enabled: true,
      ssoId: `sso-${email}`,
    });

    // Another group instead of the first.
    await row.getByRole('button', { name: 'Edit Grace Group-Admin' }).click();
    const edit = page.getByRole('dialog', { name: /Edit administrator/ });
    // Picking a chosen group again takes it off (what the keyboard does too).
    await pickGroup(page, edit, first.name);
    await pickGroup(page, edit, second.name);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText(second.name);
    created = await administratorByEmail(token, email);
    expect(created.groupIds).toEqual([second.id]);

    // Master Administrator: the whole organization.
    await row.getByRole('button', { name: 'Edit Grace Group-Admin' }).click();
    await edit.getByRole('radio', { name: 'Master Administrator' }).check();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText('Master Administrator');
    created = await administratorByEmail(token, email);
    expect(created).toMatchObject({ role: 'master_admin', groupIds: [] });

    // Disabled: it can no longer sign in.
    await row.getByRole('button', { name: 'Edit Grace Group-Admin' }).click();
    await edit.getByRole('switch', { name: 'Enabled' }).uncheck();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText('Disabled');
    const signIn = await api().post('/api/v1/auth/login', { email, password: GOOD_PASSWORD });
    expect(signIn.status).toBe(403);
    expect(signIn.body.code).toBe('ACCOUNT_DISABLED');
  });

  test('a common password is refused under Password, an email already used on Email', async ({
    page,
  }) => {
    await useSession(page);
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create administrator' });
    const password = dialog.getByRole('textbox', { name: 'Password', exact: true });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Duplicate Dora');
    await dialog.getByRole('textbox', { name: 'Email' }).fill(uniqueEmail('dora'));
    await password.fill('Password1!');
    await dialog.getByRole('radio', { name: 'Master Administrator' }).check();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(password).toHaveAccessibleDescription(/Too common/);

    // Another body: the form sends it under a new Idempotency-Key (no IDEMPOTENCY_KEY_REUSED).
    await password.fill(GOOD_PASSWORD);
    await dialog.getByRole('textbox', { name: 'Email' }).fill(stack.adminEmail.toUpperCase());
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog.getByRole('textbox', { name: 'Email' })).toHaveAccessibleDescription(
      /already used by another account/,
    );
    await checkPage(page, 'settings-create-administrator-error');
  });

  test('an Administrator sees no Global Settings, and /settings is not found for them', async ({
    page,
  }) => {
    const group = await createGroup(api(), await masterToken(), { name: 'Not a master group' });
    await administratorSession(page, [group.id]);
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Organization Tree' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Global Settings' })).toHaveCount(0);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Global Settings' })).toHaveCount(0);
  });
});

test.describe('Service principals', () => {
  test('a Master Administrator creates a service principal, sees it listed with its creator, and disables it', async ({
    page,
  }) => {
    const org = await createSignedInOrganization('principals');
    const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
    await useSession(page, org.email, org.password);
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Service principals' });
    await expect(section.getByText('No service principals yet.')).toBeVisible();

    await section.getByRole('button', { name: 'Create service principal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create service principal' });
    // Nothing is sent before a name, a scope and a key are there.
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.getByRole('textbox', { name: 'Public key' })).toHaveAccessibleDescription(
      /Enter an Ed25519 public key/,
    );
    await dialog.getByRole('textbox', { name: 'Name' }).fill('HR feed');
    await dialog.getByRole('checkbox', { name: 'Create technicians' }).check();
    await dialog.getByRole('checkbox', { name: 'Read Technician Groups' }).check();
    await dialog.getByRole('textbox', { name: 'Public key' }).fill(publicKey);
    await checkPage(page, 'settings-create-service-principal');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Service principal HR feed is created.' }),
    ).toBeVisible();

    const row = page
      .getByRole('table', { name: 'Service principals' })
      .getByRole('row')
      .filter({ hasText: 'HR feed' });
    await expect(row).toContainText('Create technicians');
    await expect(row).toContainText('Read Technician Groups');
    await expect(row).toContainText('Never');
    await expect(row).toContainText('Enabled');
    const [created] = (await api().get('/api/v1/service-principals', org.token)).body.items;
    expect(created).toMatchObject({
      name: 'HR feed',
      publicKey,
      scopes: ['groups:read', 'technicians:create'],
      enabled: true,
    });
    await expect(row).toContainText(created.createdBy.name ?? org.email);
    await checkPage(page, 'settings-service-principals');

    await row.getByRole('button', { name: 'Disable HR feed' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disable service principal' });
    await expect(confirm).toContainText('HR feed');
    await confirm.getByRole('button', { name: 'Disable service principal' }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toContainText('Disabled');
    await expect(row.getByRole('button', { name: 'Disable HR feed' })).toHaveCount(0);
    const after = (await api().get('/api/v1/service-principals', org.token)).body.items[0];
    expect(after).toMatchObject({ id: created.id, enabled: false });
  });
});

/** Types part of a group's name in Assigned groups and picks it from the list. */
async function pickGroup(page: Page, dialog: Locator, name: string): Promise<void> {
  const input = dialog.getByRole('combobox', { name: 'Assigned groups' });
  await input.fill(name);
  await page.getByRole('option', { name }).click();
  await input.fill('');
  await input.press('Escape'); // closes the list (a second Escape would close the dialog)
}
