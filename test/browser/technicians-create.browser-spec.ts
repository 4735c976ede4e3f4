import { expect, test } from '@playwright/test';
import { createGroup, createTechnician, GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import { api, checkPage, masterToken } from './support/app';
import { tabTo } from './support/keyboard';
import { asMaster, tag, textbox } from './support/technicians';

/**
 * Workflow 3 of issue 11: Create technician (every field, the checks before sending, the
 * server's refusals, the password rules, the keyboard). The Configuration page:
 * technicians-configuration.browser-spec.ts.
 */

async function technicianByEmail(groupId: string, email: string): Promise<any> {
  const answer = await api().get(
    `/api/v1/groups/${groupId}/technicians?limit=100`,
    await masterToken(),
  );
  expect(answer.status).toBe(200);
  return (answer.body.items as any[]).find((item) => item.email === email);
}

test.describe('Create technician', () => {
  asMaster();

  test('creates a technician with every field, sending an Idempotency-Key', async ({ page }) => {
    const token = await masterToken();
    const group = await createGroup(api(), token, {
      name: `Support ${tag()}`,
      permissions: ['RemoteControl', 'Chat'],
    });
    const email = uniqueEmail('created');
    await page.goto(`/groups/${group.id}/technicians/new`);
    await expect(
      page.getByRole('heading', { level: 1, name: `Create technician in ${group.name}` }),
    ).toBeVisible();

    await textbox(page, 'Name').fill('Grace Hopper');
    await textbox(page, 'Nickname').fill('Amazing Grace');
    await textbox(page, 'Email').fill(email);
    await textbox(page, 'Single Sign-On ID').fill(`sso-${tag()}`);
    await textbox(page, 'Description').fill('Compilers\nand COBOL');
    await textbox(page, 'New password').fill(GOOD_PASSWORD);
    const status = page.getByRole('group', { name: 'Status' });
    await expect(status.getByRole('checkbox', { name: 'Enabled' })).toBeChecked();
    await status.getByRole('checkbox', { name: 'Enabled' }).uncheck();
    await page.getByRole('checkbox', { name: 'Standard license' }).uncheck();
    await page.getByRole('checkbox', { name: 'Mobile license' }).check();
    await checkPage(page, 'create-technician');

    const sent = page.waitForRequest(
      (request) =>
        request.method() === 'POST' && request.url().endsWith(`/groups/${group.id}/technicians`),
    );
    await page.getByRole('button', { name: 'Save changes' }).click();
    const request = await sent;
    expect(request.headers()['idempotency-key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );

    // Back to the group on the Organization Tree, with a notification.
    await expect(page).toHaveURL(new RegExp(`/groups/${group.id}$`));
    await expect(page.getByText('Grace Hopper was created.')).toBeVisible();

    const created = await technicianByEmail(group.id, email);
    expect(created).toMatchObject({
      name: 'Grace Hopper',
      nickname: 'Amazing Grace',
      email,
      ssoId: expect.stringMatching(/^sso-/),
      description: 'Compilers\nand COBOL',
      enabled: false,
      standardLicense: false,
      mobileLicense: true,
      groupId: group.id,
    });
    expect(created.permissions.sort()).toEqual(['Chat', 'RemoteControl']);
    // The password works (and must be changed first: an administrator set it).
    const signIn = await api().post('/api/v1/auth/login', { email, password: GOOD_PASSWORD });
    expect(signIn.status).toBe(403); // disabled: it cannot sign in
    expect(signIn.body.code).toBe('ACCOUNT_DISABLED');
  });

  test('the browser checks required fields and limits before sending', async ({ page }) => {
    const group = await createGroup(api(), await masterToken(), { name: `Checks ${tag()}` });
    await page.goto(`/groups/${group.id}/technicians/new`);
    await textbox(page, 'Email').fill('not-an-email');
    await textbox(page, 'Nickname').fill('n'.repeat(129));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'Not saved: please correct the fields marked below.',
    );
    await expect(textbox(page, 'Name')).toHaveAccessibleDescription('Enter a name.');
    await expect(textbox(page, 'Email')).toHaveAccessibleDescription(
      'This is not a valid email address.',
    );
    await expect(textbox(page, 'Nickname')).toHaveAccessibleDescription(/At most 128 characters\./);
    await expect(textbox(page, 'New password')).toHaveAccessibleDescription(/Enter a password\./);
  });

  test('an email already in use is refused on Email', async ({ page }) => {
    const token = await masterToken();
    const group = await createGroup(api(), token, { name: `Taken ${tag()}` });
    const existing = await createTechnician(api(), token, group.id);
    await page.goto(`/groups/${group.id}/technicians/new`);
    await textbox(page, 'Name').fill('Second Person');
    await textbox(page, 'Email').fill(existing.email.toUpperCase());
    await textbox(page, 'New password').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(textbox(page, 'Email')).toHaveAccessibleDescription(
      'This email address is already used by another account.',
    );
    await expect(page).toHaveURL(/\/technicians\/new$/);
    await checkPage(page, 'create-technician-email-taken');
  });

  test('a weak or common password lists each broken rule and creates nothing; the corrected form then saves', async ({
    page,
  }) => {
    const group = await createGroup(api(), await masterToken(), { name: `Weak ${tag()}` });
    const email = uniqueEmail('weak');
    await page.goto(`/groups/${group.id}/technicians/new`);
    await textbox(page, 'Name').fill('Weak Password');
    await textbox(page, 'Email').fill(email);
    const password = textbox(page, 'New password');

    await password.fill('abc');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(password).toHaveAccessibleDescription(/Too short: .*8/);
    await expect(password).toHaveAccessibleDescription(/Too simple: /);
    await checkPage(page, 'create-technician-password-policy');

    await password.fill('Password1!');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(password).toHaveAccessibleDescription(
      /Too common: it appears in lists of leaked passwords/,
    );
    await expect(password).not.toHaveAccessibleDescription(/Too short/);
    expect(await technicianByEmail(group.id, email)).toBeUndefined();

    // A definite refusal frees the form: the corrected request gets a key of its own.
    await password.fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(new RegExp(`/groups/${group.id}$`));
    expect(await technicianByEmail(group.id, email)).toMatchObject({ name: 'Weak Password' });
  });

  test('the policy rules show met or not met while typing', async ({ page }) => {
    const group = await createGroup(api(), await masterToken(), { name: `Rules ${tag()}` });
    await page.goto(`/groups/${group.id}/technicians/new`);
    await expect(page.getByText('Minimum password strength: Good')).toBeVisible();
    const rules = page.getByRole('list', { name: 'Password rules' });
    const rule = (text: string) => rules.getByRole('listitem').filter({ hasText: text });
    const password = textbox(page, 'New password');

    await password.pressSequentially('abc');
    await expect(rule('At least 8 characters')).toHaveAttribute('data-state', 'unmet');
    await expect(rule('At least 3 of')).toHaveAttribute('data-state', 'unmet');
    await password.pressSequentially('DEF12');
    await expect(rule('At least 8 characters')).toHaveAttribute('data-state', 'met');
    await expect(rule('At least 3 of')).toHaveAttribute('data-state', 'met');
    await expect(rule('Not a commonly used password')).toHaveAttribute(
      'data-state',
      'checkedOnSave',
    );
    await expect(rule('At least 8 characters')).toContainText('(met)');
  });

  test('by keyboard alone: Tab, typing, Space and Enter', async ({ page }) => {
    const group = await createGroup(api(), await masterToken(), { name: `Keyboard ${tag()}` });
    const email = uniqueEmail('keyboard');
    await page.goto(`/groups/${group.id}/technicians/new`);
    await expect(textbox(page, 'Name')).toBeVisible();

    await tabTo(page, textbox(page, 'Name'));
    await page.keyboard.type('Keyboard Person');
    await page.keyboard.press('Tab');
    await expect(textbox(page, 'Nickname')).toBeFocused();
    await page.keyboard.type('Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('sso-keyboard');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Typed only');
    await tabTo(page, textbox(page, 'New password'));
    await page.keyboard.type(GOOD_PASSWORD);
    await tabTo(page, page.getByRole('checkbox', { name: 'Enabled' }));
    await page.keyboard.press('Tab');
    await expect(page.getByRole('checkbox', { name: 'Standard license' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('checkbox', { name: 'Mobile license' })).toBeFocused();
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Save changes' }));
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(new RegExp(`/groups/${group.id}$`));
    expect(await technicianByEmail(group.id, email)).toMatchObject({
      name: 'Keyboard Person',
      nickname: 'Keys',
      ssoId: 'sso-keyboard',
      description: 'Typed only',
      enabled: true,
      standardLicense: true,
      mobileLicense: true,
    });
  });
});
