import { expect, test } from '@playwright/test';
import { createGroup, uniqueEmail } from '../support/fixtures';
import { api, checkPage, masterToken, useSession } from './support/app';

/**
 * Global Settings → Provisioning (SCIM): a Master Administrator creates a token for a
 * Technician Group, copies it (shown once), sees it listed with its last use, and revokes
 * it; the directory is refused at once.
 */
test('create a SCIM token, copy it once, see it used, then revoke it', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Directory ${uniqueEmail('g')}` });
  await useSession(page);
  await page.goto('/settings');

  const section = page.getByRole('region', { name: 'Provisioning (SCIM)' });
  await expect(section).toContainText(`${new URL(page.url()).origin}/scim/v2`);
  await section.getByRole('button', { name: 'Create SCIM token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create SCIM token' });
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByText('Enter a name')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Entra ID');
  const picker = dialog.getByRole('combobox', { name: 'Technician Group' });
  await picker.click();
  await picker.fill(group.name);
  await page.getByRole('option', { name: group.name }).click();
  await dialog.getByRole('button', { name: 'Create token' }).click();

  await expect(dialog.getByText('This is the only time the token is shown.')).toBeVisible();
  const shown = (await dialog.getByLabel('SCIM token').textContent())?.trim() ?? '';
  expect(shown).toMatch(/^rac_scim_[A-Za-z0-9_-]{43}$/);
  await checkPage(page, 'settings-scim-token');
  await dialog.getByRole('button', { name: 'Copy token' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The directory uses it; the list shows the use, never the secret.
  const used = await api().request('GET', '/scim/v2/Users', { token: shown });
  expect(used.status).toBe(200);
  await page.reload();
  const row = page.getByRole('table', { name: 'SCIM tokens' }).getByRole('row').filter({
    hasText: 'Entra ID',
  });
  await expect(row).toContainText(group.name);
  await expect(row).not.toContainText('Never');
  await expect(page.locator('body')).not.toContainText(shown);

  await row.getByRole('button', { name: 'Revoke Entra ID' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke SCIM token' });
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toBeHidden();
  expect((await api().request('GET', '/scim/v2/Users', { token: shown })).status).toBe(401);
});
