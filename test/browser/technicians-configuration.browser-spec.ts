import { expect, test } from '@playwright/test';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { api, checkPage, masterToken, useSession } from './support/app';
import { tabTo } from './support/keyboard';
import { asMaster, tag, textbox } from './support/technicians';

/**
 * Workflow 4 of issue 11: a technician's Configuration page (edit, password reset, inherited
 * permissions, disable, delete, Move to Technician Group), and what an Administrator may not
 * see. Create technician: technicians-create.browser-spec.ts.
 */

async function technicianById(id: string): Promise<any> {
  const answer = await api().get(`/api/v1/technicians/${id}`, await masterToken());
  return answer.status === 200 ? answer.body : { status: answer.status };
}

test.describe('Configuration page', () => {
  asMaster();

  test('edits and saves the fields', async ({ page }) => {
    const token = await masterToken();
    const group = await createGroup(api(), token, {
      name: `Config ${tag()}`,
      permissions: ['RemoteView'],
    });
    const technician = await createTechnician(api(), token, group.id, { ssoId: `sso-${tag()}` });
    await page.goto(`/technicians/${technician.id}`);
    await expect(page.getByRole('heading', { level: 1, name: technician.name })).toBeVisible();
    await expect(textbox(page, 'Email')).toHaveValue(technician.email);
    await expect(
      page.getByRole('list', { name: 'Inherited permissions' }).getByRole('listitem'),
    ).toHaveText(['Remote view']);
    await checkPage(page, 'technician');

    const email = uniqueEmail('edited');
    await textbox(page, 'Name').fill('Edited Name');
    await textbox(page, 'Nickname').fill('Edie');
    await textbox(page, 'Email').fill(email);
    await textbox(page, 'Single Sign-On ID').fill('');
    await textbox(page, 'Description').fill('Now described');
    await page.getByRole('checkbox', { name: 'Mobile license' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Edited Name was updated.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Edited Name' })).toBeVisible();
    expect(await technicianById(technician.id)).toMatchObject({
      name: 'Edited Name',
      nickname: 'Edie',
      email,
      ssoId: null,
      description: 'Now described',
      enabled: true,
      mobileLicense: true,
    });
  });

  test('shows a server refusal on its field', async ({ page }) => {
    const token = await masterToken();
    const group = await createGroup(api(), token, { name: `Refused ${tag()}` });
    const other = await createTechnician(api(), token, group.id, { ssoId: `sso-${tag()}` });
    const technician = await createTechnician(api(), token, group.id);
    await page.goto(`/technicians/${technician.id}`);
    await textbox(page, 'Single Sign-On ID').fill(other.ssoId);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(textbox(page, 'Single Sign-On ID')).toHaveAccessibleDescription(
      'This Single Sign-On ID is already used in your organization.',
    );
    await textbox(page, 'Single Sign-On ID').fill('');
    await textbox(page, 'Email').fill(other.email);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(textbox(page, 'Email')).toHaveAccessibleDescription(
      'This email address is already used by another account.',
    );
    await checkPage(page, 'technician-field-errors');
    expect((await technicianById(technician.id)).email).toBe(technician.email);
  });

  test('resets the password, saying the policy forces a change at next sign-in', async ({
    page,
  }) => {
    const token = await masterToken();
    const group = await createGroup(api(), token, { name: `Reset ${tag()}` });
    const technician = await createTechnician(api(), token, group.id);
    await page.goto(`/technicians/${technician.id}`);
    const section = page.getByRole('region', { name: 'Password reset' });
    await expect(section).toContainText('must change this password at next sign-in');

    await section.getByRole('textbox', { name: 'New password' }).fill('Password1!');
    await section.getByRole('button', { name: 'Reset password' }).click();
    await expect(
      section.getByRole('textbox', { name: 'New password' }),
    ).toHaveAccessibleDescription(/Too common/);

    await section.getByRole('textbox', { name: 'New password' }).fill('Brand-New-Key-93');
    await section.getByRole('button', { name: 'Reset password' }).click();
    await expect(
      page.getByText(`${technician.name} must change it at next sign-in.`),
    ).toBeVisible();
    await expect(section.getByRole('textbox', { name: 'New password' })).toHaveValue('');
    const signIn = await api().post('/api/v1/auth/login', {
      email: technician.email,
      password: 'Brand-New-Key-93',
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.mustChangePassword).toBe(true);
  });

  test('disables and enables the technician', async ({ page }) => {
    const token = await masterToken();
    const group = await createGroup(api(), token, { name: `Disable ${tag()}` });
    const technician = await createTechnician(api(), token, group.id);
    await page.goto(`/technicians/${technician.id}`);
    await page.getByRole('button', { name: 'Disable technician' }).click();
    await expect(page.getByRole('button', { name: 'Enable technician' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Enabled' })).not.toBeChecked();
    expect((await technicianById(technician.id)).enabled).toBe(false);
    const refused = await api().post('/api/v1/auth/login', {
      email: technician.email,
      password: technician.password,
    });
    expect(refused.body.code).toBe('ACCOUNT_DISABLED');

    await page.getByRole('button', { name: 'Enable technician' }).click();
    await expect(page.getByRole('button', { name: 'Disable technician' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Enabled' })).toBeChecked();
    expect((await technicianById(technician.id)).enabled).toBe(true);
  });

  test('deletes after a confirmation, then shows the group', async ({ page }) => {
    const token = await masterToken();
    const group = await createGroup(api(), token, { name: `Delete ${tag()}` });
    const technician = await createTechnician(api(), token, group.id);
    await page.goto(`/technicians/${technician.id}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete technician' });
    await expect(dialog).toContainText(technician.email);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect((await technicianById(technician.id)).id).toBe(technician.id);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/groups/${group.id}$`));
    await expect(page.getByText(`${technician.name} was deleted.`)).toBeVisible();
    expect(await technicianById(technician.id)).toEqual({ status: 404 });
  });

  test('moves to another group, and the permissions shown change at once', async ({ page }) => {
    const token = await masterToken();
    const t = tag();
    const from = await createGroup(api(), token, {
      name: `Origin ${t}`,
      permissions: ['RemoteControl', 'Chat'],
    });
    const to = await createGroup(api(), token, {
      name: `Destination ${t}`,
      permissions: ['SendFile'],
    });
    const technician = await createTechnician(api(), token, from.id);
    await page.goto(`/technicians/${technician.id}`);
    const permissions = page.getByRole('list', { name: 'Inherited permissions' });
    await expect(permissions.getByRole('listitem')).toHaveText(['Remote control', 'Chat']);
    const region = page.getByRole('region', { name: 'Permissions' });
    await expect(region.getByRole('link', { name: from.name })).toBeVisible();

    const picker = page.getByRole('combobox', { name: 'Move to Technician Group' });
    await picker.click();
    await picker.fill(`Destination ${t}`);
    await page.getByRole('option', { name: to.name }).click();
    await page.getByRole('button', { name: 'Move', exact: true }).click();

    await expect(permissions.getByRole('listitem')).toHaveText(['Send files']);
    await expect(region.getByRole('link', { name: to.name })).toBeVisible();
    await expect(page.getByText(`${technician.name} is now in ${to.name}.`)).toBeVisible();
    expect(await technicianById(technician.id)).toMatchObject({
      groupId: to.id,
      permissions: ['SendFile'],
    });
  });

  test('Move to Technician Group by keyboard alone', async ({ page }) => {
    const token = await masterToken();
    const t = tag();
    const from = await createGroup(api(), token, { name: `Keys from ${t}`, permissions: ['Chat'] });
    const to = await createGroup(api(), token, {
      name: `Keys to ${t}`,
      permissions: ['RemoteView'],
    });
    const technician = await createTechnician(api(), token, from.id);
    await page.goto(`/technicians/${technician.id}`);
    const permissions = page.getByRole('list', { name: 'Inherited permissions' });
    await expect(permissions.getByRole('listitem')).toHaveText(['Chat']);

    const picker = page.getByRole('combobox', { name: 'Move to Technician Group' });
    await tabTo(page, picker, 80);
    await page.keyboard.type(`Keys to ${t}`);
    await expect(page.getByRole('option', { name: to.name })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(picker).toHaveValue(to.name);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Move', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(permissions.getByRole('listitem')).toHaveText(['Remote view']);
    expect((await technicianById(technician.id)).groupId).toBe(to.id);
  });
});

test.describe('What an Administrator may not see', () => {
  test('a technician outside their groups, and an unknown technician, are said clearly', async ({
    page,
  }) => {
    const token = await masterToken();
    const mine = await createGroup(api(), token, { name: `Mine ${tag()}` });
    const theirs = await createGroup(api(), token, { name: `Theirs ${tag()}` });
    const outside = await createTechnician(api(), token, theirs.id);
    const admin = await createAdministrator(api(), token, { groupIds: [mine.id] });
    await signInChangingPassword(api(), admin.email, admin.password);
    await useSession(page, admin.email, `${admin.password}-New9`);

    await page.goto(`/technicians/${outside.id}`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Technician not available' }),
    ).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText(/outside the groups assigned to you/);
    await expect(page.getByText(outside.email)).toHaveCount(0);
    await checkPage(page, 'technician-forbidden');

    await page.goto('/technicians/00000000-0000-4000-8000-000000000000');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Technician not found' }),
    ).toBeVisible();
    await page.goto('/technicians/not-an-id');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Technician not found' }),
    ).toBeVisible();
    await checkPage(page, 'technician-not-found');
  });
});
