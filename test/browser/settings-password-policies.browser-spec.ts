import { expect, test, type Page } from '@playwright/test';
import { createGroup, createTechnician } from '../support/fixtures';
import { administratorByEmail } from './support/administrators';
import { api, checkPage, useSession } from './support/app';
import { tabTo } from './support/keyboard';
import { createSignedInOrganization, type Organization } from './support/organizations';

/**
 * Workflow 5 of issue 11: Global Settings, the password policies. Administrators and service
 * principals: settings-accounts.browser-spec.ts.
 */

/** A password that meets every policy these tests set (18 characters, 4 types, no repeats). */
const LONG_PASSWORD = 'Tech-Pace-42-Orbit';

const policyForm = (page: Page) => ({
  strength: (name: string) => page.getByRole('radio', { name, exact: true }),
  minLength: page.getByRole('textbox', { name: 'Minimum password length' }),
  rejectCommon: page.getByRole('checkbox', { name: 'Refuse common passwords' }),
  forceChange: page.getByRole('checkbox', {
    name: 'Admin password changes force user to change password at next logon',
  }),
  maxAge: page.getByRole('textbox', { name: 'Maximum password age' }),
  save: page
    .getByRole('region', { name: 'Password policies' })
    .getByRole('button', { name: 'Save changes' }),
});

test.describe('Password policies', () => {
  let org: Organization;
  test.beforeAll(async () => {
    org = await createSignedInOrganization('policy');
  });

  test('a Master Administrator changes every policy field, and the API has it', async ({
    page,
  }) => {
    await useSession(page, org.email, org.password);
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Global Settings', level: 1 })).toBeVisible();
    const form = policyForm(page);
    await expect(form.strength('Good')).toBeChecked();
    await expect(form.minLength).toHaveValue('8');
    await checkPage(page, 'settings');

    await form.strength('Excellent').check();
    await form.minLength.fill('14');
    await form.rejectCommon.uncheck();
    await form.forceChange.uncheck();
    await form.maxAge.fill('90');
    await form.save.click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'The password policies are saved.' }),
    ).toBeVisible();

    const saved = await api().get('/api/v1/settings/password-policy', org.token);
    expect(saved.body).toEqual({
      minimumStrength: 'excellent',
      minLength: 14,
      rejectCommonPasswords: false,
      forceChangeOnAdminSet: false,
      maxAgeDays: 90,
    });
    // The page shows what is saved after a reload.
    await page.reload();
    await expect(form.strength('Excellent')).toBeChecked();
    await expect(form.minLength).toHaveValue('14');
    await expect(form.rejectCommon).not.toBeChecked();
    await expect(form.maxAge).toHaveValue('90');

    // "force change" off: a technician an administrator creates keeps its password.
    const group = await createGroup(api(), org.token, { name: 'Policy group' });
    const relaxed = await createTechnician(api(), org.token, group.id, {
      password: LONG_PASSWORD,
    });
    expect(relaxed.mustChangePassword).toBe(false);

    // ... and on again: it must change it at next sign-in.
    await form.forceChange.check();
    await form.save.click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'The password policies are saved.' }).first(),
    ).toBeVisible();
    await expect
      .poll(async () => (await api().get('/api/v1/settings/password-policy', org.token)).body)
      .toMatchObject({ forceChangeOnAdminSet: true });
    const forced = await createTechnician(api(), org.token, group.id, {
      password: LONG_PASSWORD,
    });
    expect(forced.mustChangePassword).toBe(true);
  });

  test('a length out of range is refused on its field, before anything is sent', async ({
    page,
  }) => {
    await useSession(page, org.email, org.password);
    await page.goto('/settings');
    const form = policyForm(page);
    await form.minLength.fill('7');
    await form.save.click();
    await expect(form.minLength).toHaveAccessibleDescription(/Enter a number from 8 to 128\./);
    await expect(form.minLength).toHaveAttribute('aria-invalid', 'true');
    await checkPage(page, 'settings-field-error');
  });

  test('keyboard only: choose a strength, toggle a rule and save', async ({ page }) => {
    await useSession(page, org.email, org.password);
    await page.goto('/settings');
    const form = policyForm(page);
    await expect(form.minLength).toBeVisible();
    const before = (await api().get('/api/v1/settings/password-policy', org.token)).body;

    const policies = page.getByRole('region', { name: 'Password policies' });
    // In its own section: Single Sign-On's radios are checked too.
    await tabTo(page, policies.getByRole('radio', { checked: true }), 60);
    await page.keyboard.press('ArrowDown'); // the next strength
    await tabTo(page, form.minLength, 60);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('12');
    await tabTo(page, form.rejectCommon, 60);
    await page.keyboard.press('Space');
    await tabTo(page, form.save, 60);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('alert').filter({ hasText: 'The password policies are saved.' }),
    ).toBeVisible();

    const order = ['good', 'strong', 'excellent'];
    const after = (await api().get('/api/v1/settings/password-policy', org.token)).body;
    expect(after).toEqual({
      ...before,
      minimumStrength: order[(order.indexOf(before.minimumStrength) + 1) % order.length],
      minLength: 12,
      rejectCommonPasswords: !before.rejectCommonPasswords,
    });
  });

  test('the last enabled Master Administrator cannot demote or disable themselves', async ({
    page,
  }) => {
    await useSession(page, org.email, org.password);
    await page.goto('/settings');
    const table = page.getByRole('table', { name: 'Administrators' });
    const me = table.getByRole('row').filter({ hasText: org.email });
    await me.getByRole('button', { name: /^Edit / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('switch', { name: 'Enabled' }).uncheck();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      /last enabled Master Administrator: an organization keeps at least one/,
    );
    const still = await administratorByEmail(org.token, org.email);
    expect(still).toMatchObject({ role: 'master_admin', enabled: true });
  });
});
