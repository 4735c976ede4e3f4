import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  signInChangingPassword,
} from '../support/fixtures';
import { api, checkPage, masterToken, useSession } from './support/app';
import { tabTo } from './support/keyboard';
import { tag, textbox } from './support/technicians';

/**
 * Issue 24: the Audit log page (filters by what and by target, entries with before → after,
 * the CSV of the same filters) and a technician's and a group's History, against the real
 * audit service. Entries arrive a moment after a change (the service reads the events
 * exchange), so a test asks again (Refresh) until they are there.
 */

/** Asks again (the button `refresh`) until `rows` of `table` match `texts`, in that order. */
async function expectEntries(
  page: Page,
  table: Locator,
  refresh: string,
  texts: (string | RegExp)[],
): Promise<void> {
  await expect(async () => {
    await page.getByRole('button', { name: refresh, exact: true }).click();
    await expect(
      table.getByRole('row').filter({ hasNot: page.getByRole('columnheader') }),
    ).toHaveText(
      texts.map((text) => (typeof text === 'string' ? new RegExp(escape(text)) : text)),
      { timeout: 2_000 },
    );
  }).toPass({ timeout: 30_000 });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The master's view of a target's entries through the API, once there are `count`. */
async function entriesOf(targetId: string, count: number): Promise<any[]> {
  const token = await masterToken();
  let items: any[] = [];
  await expect(async () => {
    const answer = await api().get(`/api/v1/audit-events?target=${targetId}`, token);
    expect(answer.status).toBe(200);
    items = answer.body.items;
    expect(items).toHaveLength(count);
  }).toPass({ timeout: 30_000 });
  return items;
}

test('a Master Administrator filters the log by what and by target, downloads it and opens a technician’s History', async ({
  page,
}) => {
  await useSession(page);
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Audited ${tag()}` });
  const name = `Audit Bob ${tag()}`;
  const renamed = `${name} Renamed`;
  const technician = await createTechnician(api(), token, group.id, { name });

  // Two changes through the center: a rename, then Disable.
  await page.goto(`/technicians/${technician.id}`);
  await textbox(page, 'Name').fill(renamed);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
  await page.getByRole('button', { name: 'Disable technician' }).click();
  await expect(page.getByRole('button', { name: 'Enable technician' })).toBeVisible();

  // The Audit log, from the navigation (of a fresh page: the two changes' notifications
  // are not what this test checks with axe).
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();

  // What: technician updates; Target: this technician (sent with Enter, from the keyboard).
  await page
    .getByRole('combobox', { name: 'What' })
    .selectOption({ label: 'Technician updated (also enabled or disabled)' });
  await textbox(page, 'Target').fill(technician.id);
  await textbox(page, 'Target').press('Enter');
  await expect(page).toHaveURL(new RegExp(`target=${technician.id}`));
  const entries = page.getByRole('table', { name: 'Entries' });
  await expectEntries(page, entries, 'Refresh', [
    `disabled technician ${renamed}`,
    `updated technician ${renamed}`,
  ]);
  const disabled = entries.getByRole('row').filter({ hasText: 'disabled technician' });
  await expect(disabled.getByRole('list', { name: 'Changes' }).getByRole('listitem')).toHaveText([
    /^Enabled: Yes → changed to No$/,
  ]);
  await expect(disabled).toContainText('REST from');
  const updated = entries.getByRole('row').filter({ hasText: 'updated technician' });
  await expect(updated.getByRole('listitem')).toHaveText([
    new RegExp(`^Name: ${escape(name)} → changed to ${escape(renamed)}$`),
  ]);
  await expect(page.getByRole('status').filter({ hasText: 'entries' })).toHaveText('2 entries');
  await checkPage(page, 'audit-log');

  // Any change to the same target: its creation too, newest first.
  await page.getByRole('combobox', { name: 'What' }).selectOption({ label: 'Any change' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expectEntries(page, entries, 'Refresh', [
    `disabled technician ${renamed}`,
    `updated technician ${renamed}`,
    `created technician ${name}`,
  ]);

  // The CSV of the same filters.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const lines = readFileSync(await (await download).path(), 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  expect(lines[0]).toBe(
    'time,type,actor,actorName,channel,origin,targetType,targetId,targetName,changes',
  );
  expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual([
    'org.technician.updated.v1',
    'org.technician.updated.v1',
    'org.technician.created.v1',
  ]);

  // From an entry to the technician's Configuration page, and its History there.
  await entries
    .getByRole('row')
    .filter({ hasText: 'disabled technician' })
    .getByRole('link', { name: `Open ${renamed}` })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
  const history = page.getByRole('region', { name: 'History' });
  await expectEntries(
    page,
    history.getByRole('table', { name: `History of ${renamed}` }),
    'Refresh history',
    [
      `disabled technician ${renamed}`,
      `updated technician ${renamed}`,
      `created technician ${name}`,
    ],
  );
  await checkPage(page, 'technician-history');

  // The group's own History on its panel.
  await page.goto(`/groups/${group.id}`);
  await expectEntries(
    page,
    page
      .getByRole('region', { name: 'History' })
      .getByRole('table', { name: `History of group ${group.name}` }),
    'Refresh history',
    [`created group ${group.name}`],
  );
  await checkPage(page, 'group-history');

  // Its link opens the whole log filtered to the group.
  await page.getByRole('link', { name: 'Open in the Audit log' }).click();
  await expect(textbox(page, 'Target')).toHaveValue(group.id);
});

test('a History shows a few entries at a time, with Load more', async ({ page }) => {
  await useSession(page);
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Busy ${tag()}` });
  const technician = await createTechnician(api(), token, group.id, { name: `Busy ${tag()}` });
  for (let i = 1; i <= 6; i++) {
    const answer = await api().request('PATCH', `/api/v1/technicians/${technician.id}`, {
      body: { description: `step ${i}` },
      token,
    });
    expect(answer.status).toBe(200);
  }
  await entriesOf(technician.id, 7);

  await page.goto(`/technicians/${technician.id}`);
  const table = page
    .getByRole('region', { name: 'History' })
    .getByRole('table', { name: `History of ${technician.name}` });
  const rows = table.getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
  await expect(rows).toHaveCount(5);
  await expect(rows.first().getByRole('listitem')).toHaveText([
    /^Description: step 5 → changed to step 6$/,
  ]);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(rows).toHaveCount(7);
  await expect(rows.last()).toContainText(`created technician ${technician.name}`);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
});

test('an Administrator sees the entries of its groups only', async ({ page }) => {
  const token = await masterToken();
  const mine = await createGroup(api(), token, { name: `Mine ${tag()}` });
  const other = await createGroup(api(), token, { name: `Other ${tag()}` });
  const inMine = await createTechnician(api(), token, mine.id, { name: `In mine ${tag()}` });
  const inOther = await createTechnician(api(), token, other.id, { name: `In other ${tag()}` });
  const admin = await createAdministrator(api(), token, { groupIds: [mine.id] });
  await signInChangingPassword(api(), admin.email, admin.password);
  // Both entries are in the log (the master sees them) before the Administrator looks.
  await entriesOf(inMine.id, 1);
  await entriesOf(inOther.id, 1);

  await useSession(page, admin.email, `${admin.password}-New9`);
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await textbox(page, 'Target').fill(inMine.id);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(
    page.getByRole('table', { name: 'Entries' }).getByRole('row').filter({ hasText: inMine.name }),
  ).toHaveText([new RegExp(`created technician ${escape(inMine.name)}`)]);

  await textbox(page, 'Target').fill(inOther.id);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'entries' })).toHaveText('0 entries');
  await expect(page.getByRole('table', { name: 'Entries' })).toHaveCount(0);
});

test('the Audit log works from the keyboard alone', async ({ page }) => {
  await useSession(page);
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Keys ${tag()}` });
  const technician = await createTechnician(api(), token, group.id, { name: `Keys ${tag()}` });
  await entriesOf(technician.id, 1);

  await page.goto('/audit');
  await tabTo(page, page.getByRole('combobox', { name: 'What' }));
  await page.keyboard.press('ArrowDown'); // All: Technicians
  await expect(page.getByRole('combobox', { name: 'What' })).toHaveValue('org.technician.*');
  await tabTo(page, textbox(page, 'Target'));
  await page.keyboard.type(technician.id);
  await page.keyboard.press('Enter');
  const open = page
    .getByRole('table', { name: 'Entries' })
    .getByRole('link', { name: `Open ${technician.name}` });
  await expect(open).toBeVisible();
  await tabTo(page, open, 80);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: technician.name })).toBeVisible();
});

test('a Master Administrator sets how long the log keeps its entries, and the change is in the log', async ({
  page,
}) => {
  await useSession(page);
  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'Audit log' });
  const days = section.getByRole('textbox', { name: 'Keep entries for (days)' });
  await expect(days).toHaveValue('400');
  await days.fill('0');
  await section.getByRole('button', { name: 'Save audit log settings' }).click();
  await expect(section.getByText('Enter a whole number of days from 1 to 3650.')).toBeVisible();
  await days.fill('30');
  await section.getByRole('button', { name: 'Save audit log settings' }).click();
  await expect(page.getByText('Audit log settings saved.')).toBeVisible();
  const token = await masterToken();
  expect((await api().get('/api/v1/settings/audit', token)).body).toEqual({ retentionDays: 30 });

  await page.goto('/audit');
  await page
    .getByRole('combobox', { name: 'What' })
    .selectOption({ label: 'Audit log settings updated' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const entries = page.getByRole('table', { name: 'Entries' });
  await expectEntries(page, entries, 'Refresh', ['updated the audit log settings']);
  await expect(entries.getByRole('list', { name: 'Changes' }).getByRole('listitem')).toHaveText([
    /^Retention \(days\): 400 → changed to 30$/,
  ]);

  // As it was, for the tests after this one.
  const restored = await api().request('PUT', '/api/v1/settings/audit', {
    body: { retentionDays: 400 },
    token,
  });
  expect(restored.status).toBe(200);
});
