import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  createAdministrator,
  createGroup,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import {
  csvImportFile,
  ImportRowsHold,
  technicianRow,
  type ImportRowCells,
} from '../support/imports';
import { api, checkPage, masterToken, useSession } from './support/app';
import { createSignedInOrganization } from './support/organizations';

/** Workflow 6 of issue 11: Import technicians, as a Master Administrator does it. */

const files = mkdtempSync(path.join(tmpdir(), 'browser-imports-'));
/** Writes an import file where a person would keep it, and returns its path. */
function importFile(name: string, content: string): string {
  const file = path.join(files, name);
  writeFileSync(file, content);
  return file;
}

function goodRows(groupId: string, count: number, label: string): ImportRowCells[] {
  return Array.from({ length: count }, () =>
    technicianRow(groupId, { email: uniqueEmail(label), password: GOOD_PASSWORD }),
  );
}

/** Chooses a file with the Upload file control, as the file chooser does. */
async function chooseFile(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload file' }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByText(path.basename(file)).first()).toBeVisible();
}

/** Picks a group in "Search technician group..." by typing part of its name. */
async function pickGroup(page: Page, name: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Search technician group...' });
  await picker.fill(name);
  await page.getByRole('option', { name }).click();
  await expect(picker).toHaveValue(name);
}

/** Moves the focus forward with Tab (past clear buttons and the like) until it is on the target. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 5 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Chooses which rows the Import Summary shows (the radios are drawn as a segmented control). */
async function showRows(page: Page, name: string | RegExp): Promise<void> {
  const filter = page.getByRole('radiogroup', { name: 'Show rows' });
  await filter.locator('label').filter({ hasText: name }).click();
  await expect(filter.getByRole('radio', { name })).toBeChecked();
}

async function importIds(): Promise<string[]> {
  const answer = await api().get('/api/v1/imports?limit=200', await masterToken());
  expect(answer.status).toBe(200);
  return (answer.body.items as { id: string }[]).map((item) => item.id);
}

function importIdOf(page: Page): string {
  const match = /\/imports\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
  expect(match).not.toBeNull();
  return match![1];
}

/** The number shown under a label of the Import Summary. */
async function summaryCount(page: Page, label: string): Promise<number> {
  const summary = page.getByRole('region', { name: 'Import Summary' });
  const value = summary.locator(`dt:text-is("${label}") + dd`);
  return Number(await value.innerText());
}

test('an empty list of earlier imports, the page checked', async ({ page }) => {
  // An organization of its own: the list of the shared one depends on what ran before.
  const organization = await createSignedInOrganization('imports');
  await useSession(page, organization.email, organization.password);
  await page.goto('/imports');
  await expect(page.getByRole('heading', { name: 'Import technicians', level: 1 })).toBeVisible();
  await expect(page.getByText('No imports yet.')).toBeVisible();
  await checkPage(page, 'imports-empty');
});

test('the example files download: CSV with each delimiter, and JSON', async ({ page }) => {
  await useSession(page);
  await page.goto('/imports');
  const header = (delimiter: string) =>
    [
      'Name',
      'Nickname',
      'Email',
      'Single Sign-On ID',
      'Description',
      'Password',
      'Enabled',
      'Standard License',
      'Mobile License',
      'Tech Group ID',
    ].join(delimiter);
  for (const [label, delimiter] of [
    ['Comma', ','],
    ['Semicolon', ';'],
    ['Tab', '\t'],
  ] as const) {
    await page.getByRole('radio', { name: label }).check();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV', exact: true }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .filter(Boolean);
    expect(lines[0]).toBe(header(delimiter));
    expect(lines).toHaveLength(3);
  }
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  const rows = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(rows).toHaveLength(2);
  expect(Object.keys(rows[0])).toEqual(header(',').split(','));
});

test('a 500-row import: the progress bar moves, and the summary counts are the API’s', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Import 500 ${Date.now()}` });
  const file = importFile('five-hundred.csv', csvImportFile(goodRows(group.id, 500, 'bulk')));

  await useSession(page);
  await page.goto('/imports');
  await pickGroup(page, group.name);
  await chooseFile(page, file);
  await expect(page.getByText(/^five-hundred\.csv, \d+ KB$/)).toBeVisible();
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  const importId = importIdOf(page);

  // Watch the bar until the summary replaces it: it must be seen between its ends.
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  const summary = page.getByRole('heading', { name: 'Import Summary' });
  const seen = new Set<number>();
  const deadline = Date.now() + 270_000;
  while (!(await summary.isVisible()) && Date.now() < deadline) {
    const now = await bar.getAttribute('aria-valuenow', { timeout: 500 }).catch(() => null);
    if (now !== null) seen.add(Number(now));
    await page.waitForTimeout(150);
  }
  await expect(summary).toBeVisible();
  const values = [...seen];
  expect(
    values.some((v) => v > 0 && v < 100) || values.length >= 2,
    `aria-valuenow seen: ${values.join(', ')}`,
  ).toBe(true);

  const view = (await api().get(`/api/v1/imports/${importId}`, token)).body;
  expect(view.status).toBe('completed');
  expect(await summaryCount(page, 'Rows')).toBe(view.total);
  expect(await summaryCount(page, 'Succeeded')).toBe(view.succeeded);
  expect(await summaryCount(page, 'Failed')).toBe(view.failed);
  expect(view.total).toBe(500);
  expect(view.succeeded).toBe(500);
  await expect(
    page.getByRole('status').filter({ hasText: 'every row was imported' }),
  ).toBeVisible();
  await expect(page.getByText('Showing 100 of 500 rows')).toBeVisible();
  await page.getByRole('button', { name: 'Show more rows' }).click();
  await expect(page.getByText('Showing 200 of 500 rows')).toBeVisible();
});

test('bad rows: each reason on its row, the filter by status, and the report downloaded', async ({
  page,
}) => {
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Bad rows ${Date.now()}` });
  const first = uniqueEmail('good');
  const rows = [
    technicianRow(group.id, { email: first, password: GOOD_PASSWORD, Name: 'Good One' }),
    technicianRow(group.id, { email: 'not-an-email', password: GOOD_PASSWORD, Name: 'Bad Email' }),
    technicianRow(group.id, { email: first, password: GOOD_PASSWORD, Name: 'Duplicate' }),
    technicianRow(group.id, { email: uniqueEmail('weak'), password: 'abc', Name: 'Weak Password' }),
    technicianRow(group.id, {
      email: uniqueEmail('bool'),
      password: GOOD_PASSWORD,
      Name: 'Bad Boolean',
      Enabled: 'maybe',
    }),
    technicianRow(group.id, {
      email: uniqueEmail('good'),
      password: GOOD_PASSWORD,
      Name: 'Good Two',
    }),
  ];
  // No group chosen: every row carries its Tech Group ID.
  const file = importFile('bad-rows.csv', csvImportFile(rows));

  await useSession(page);
  await page.goto('/imports');
  await chooseFile(page, file);
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByRole('heading', { name: 'Import Summary' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page.getByRole('status').filter({ hasText: '4 of 6 rows were not imported' }),
  ).toBeVisible();

  const table = page.getByRole('table', { name: 'Rows of the import' });
  const row = (name: string) => table.getByRole('row').filter({ hasText: name });
  await expect(row('Good One')).toContainText('Succeeded');
  await expect(row('Bad Email')).toContainText('Email: not a valid email address');
  await expect(row('Duplicate')).toContainText(
    'Email: an earlier row of the file has the same value',
  );
  await expect(row('Weak Password')).toContainText('Password: does not meet the password policy');
  await expect(row('Bad Boolean')).toContainText('Enabled: not a yes/no value');
  for (const name of ['Bad Email', 'Duplicate', 'Weak Password', 'Bad Boolean']) {
    await expect(row(name)).toContainText('Failed');
  }
  // Row and line: the header is line 1, so row 2 starts on line 3.
  await expect(row('Bad Email').getByRole('cell').nth(0)).toHaveText('2');
  await expect(row('Bad Email').getByRole('cell').nth(1)).toHaveText('3');
  await checkPage(page, 'import-summary');

  await showRows(page, 'Failed (4)');
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(row('Good One')).toHaveCount(0);
  await expect(page).toHaveURL(/status=failed$/);
  await showRows(page, 'Succeeded (2)');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(row('Good Two')).toBeVisible();
  await expect(row('Bad Email')).toHaveCount(0);
  await showRows(page, 'Pending (0)');
  await expect(page.getByText('No rows with this status.')).toBeVisible();
  // The filter is in the address: a reload shows the same rows.
  await showRows(page, 'Failed (4)');
  await page.reload();
  await expect(table.getByRole('row')).toHaveCount(5);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download report' }).click();
  const report = readFileSync(await (await download).path(), 'utf8').replace(/^\ufeff/, '');
  const lines = report.split(/\r\n/).filter(Boolean);
  expect(lines[0]).toBe(
    'Name,Nickname,Email,Single Sign-On ID,Description,Enabled,Standard License,Mobile License,Tech Group ID,Status,Reason',
  );
  expect(lines).toHaveLength(7);
  expect(report).not.toContain(GOOD_PASSWORD);
  expect(lines.find((l) => l.startsWith('Good One,'))).toMatch(/,succeeded,$/);
  expect(lines.find((l) => l.startsWith('Bad Email,'))).toMatch(/,failed,.*Email: INVALID_EMAIL/);
  expect(lines.find((l) => l.startsWith('Duplicate,'))).toMatch(/,failed,.*DUPLICATE_IN_FILE/);
  expect(lines.find((l) => l.startsWith('Weak Password,'))).toMatch(/,failed,.*PASSWORD_POLICY/);
  expect(lines.find((l) => l.startsWith('Bad Boolean,'))).toMatch(/,failed,.*INVALID_BOOLEAN/);
});

test('a header that is not the expected one is refused in words, before anything is created', async ({
  page,
}) => {
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Header ${Date.now()}` });
  const email = uniqueEmail('header');
  const content = csvImportFile([
    technicianRow(group.id, { email, password: GOOD_PASSWORD }),
  ]).replace('Email', 'E-mail');
  const file = importFile('wrong-header.csv', content);
  const before = await importIds();

  await useSession(page);
  await page.goto('/imports');
  await chooseFile(page, file);
  await page.getByRole('button', { name: 'Start import' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The file was not imported. Nothing was created.');
  await expect(alert).toContainText(
    'The header row is not the expected one. Column 3 should be “Email” but is “E-mail”.',
  );
  const headers = alert.getByRole('table', { name: 'Expected and found headers' });
  await expect(headers.getByRole('row').filter({ hasText: 'first difference' })).toHaveText(
    /3 \(first difference\)\s*Email\s*E-mail/,
  );
  await expect(headers.getByRole('row')).toHaveCount(11);
  await expect(page).toHaveURL(/\/imports$/);
  await checkPage(page, 'imports-refused');

  expect(await importIds()).toEqual(before);
  const search = await api().get(`/api/v1/technicians?q=${encodeURIComponent(email)}`, token);
  expect(search.status).toBe(200);
  expect(search.body.items).toEqual([]);
});

test('a file over 1 MiB is refused before it is sent', async ({ page }) => {
  const file = importFile('too-large.csv', 'x'.repeat(1024 * 1024 + 1));
  const before = await importIds();
  await useSession(page);
  await page.goto('/imports');
  await chooseFile(page, file);
  await expect(page.getByText(/files are limited to 1 MiB/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  expect(await importIds()).toEqual(before);
});

test('a dry run, done with the keyboard, says nothing was created', async ({ page }) => {
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Dry run ${Date.now()}` });
  const rows = goodRows(group.id, 2, 'dry');
  const file = importFile('dry-run.csv', csvImportFile(rows));

  await useSession(page);
  await page.goto('/imports');
  const picker = page.getByRole('combobox', { name: 'Search technician group...' });
  await expect(picker).toBeEnabled(); // it waits for the groups
  await picker.focus();
  await page.keyboard.type(group.name);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue(group.name);
  const upload = page.getByRole('button', { name: 'Upload file' });
  await tabTo(page, upload);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(file);
  await expect(page.getByText('dry-run.csv').first()).toBeVisible();
  const dryRun = page.getByRole('checkbox', { name: 'Dry run' });
  await tabTo(page, dryRun);
  await page.keyboard.press('Space');
  await expect(dryRun).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Start import' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Import Summary' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole('status').filter({ hasText: 'Dry run' })).toHaveText(
    'Dry run: nothing was created. 2 of 2 rows would be created, 0 would fail.',
  );
  expect(await summaryCount(page, 'Would be created')).toBe(2);
  const table = page.getByRole('table', { name: 'Rows of the import' });
  await expect(table.getByRole('row').filter({ hasText: 'Would be created' })).toHaveCount(2);

  const view = (await api().get(`/api/v1/imports/${importIdOf(page)}`, token)).body;
  expect(view.dryRun).toBe(true);
  const technicians = await api().get(`/api/v1/groups/${group.id}/technicians`, token);
  expect(technicians.body.items).toEqual([]);
});

test('a running import can be left, come back to, and cancelled', async ({ page }) => {
  test.setTimeout(120_000);
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Cancel ${Date.now()}` });
  const file = importFile('to-cancel.csv', csvImportFile(goodRows(group.id, 500, 'cancel')));
  // The import's row batches are held (its BullMQ queue paused) once it is under way, so
  // that rows still wait when Cancel is pressed, however fast the machine.
  const batches = ImportRowsHold.ofPrefix(JSON.parse(process.env.WEB_STACK_VARS!).QUEUE_PREFIX);
  try {
    await useSession(page);
    await page.goto('/imports');
    await pickGroup(page, group.name);
    await chooseFile(page, file);
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
    const importId = importIdOf(page);
    await expect
      .poll(async () => (await api().get(`/api/v1/imports/${importId}`, token)).body.processed, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await batches.hold();

    // Leave it: the list of earlier imports shows it unfinished; its link leads back.
    await page.getByRole('link', { name: 'Back to Import technicians' }).click();
    const history = page.getByRole('table', { name: 'Earlier imports' });
    const entry = history.getByRole('row').filter({ hasText: 'to-cancel.csv' }).first();
    await expect(entry).toContainText('Running');
    await entry.getByRole('link', { name: 'to-cancel.csv' }).click();
    await expect(page).toHaveURL(new RegExp(`/imports/${importId}$`));
    await checkPage(page, 'import-progress');

    const cancelled = page.waitForResponse((response) => response.url().endsWith('/cancel'));
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await cancelled).status()).toBe(200);
    // The rows a retried batch may still hold (processing) finish once the queue runs again.
    await batches.release();
    await expect(page.getByRole('heading', { name: 'Import Summary' })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toContainText(
      'the rows not processed yet were not imported',
    );
    const view = (await api().get(`/api/v1/imports/${importId}`, token)).body;
    expect(view).toMatchObject({ status: 'cancelled', total: 500, processed: 500 });
    expect(view.succeeded).toBeGreaterThan(0);
    expect(view.failed).toBeGreaterThan(0);
    expect(await summaryCount(page, 'Failed')).toBe(view.failed);
    expect(await summaryCount(page, 'Succeeded')).toBe(view.succeeded);
    await showRows(page, /^Failed/);
    await expect(
      page
        .getByRole('table', { name: 'Rows of the import' })
        .getByText('Row: not imported: the import was cancelled')
        .first(),
    ).toBeVisible();
  } finally {
    await batches.release();
    await batches.close();
  }
});

test('an unknown import says so in words', async ({ page }) => {
  await useSession(page);
  await page.goto('/imports/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('alert')).toContainText('This import does not exist');
  await checkPage(page, 'import-not-found');
});

test('an Administrator sees no Import technicians and gets the not-found page at /imports', async ({
  page,
}) => {
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: `Admin scope ${Date.now()}` });
  const admin = await createAdministrator(api(), token, { groupIds: [group.id] });
  await signInChangingPassword(api(), admin.email, admin.password);
  await useSession(page, admin.email, `${admin.password}-New9`);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Organization Tree' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Import technicians' })).toHaveCount(0);
  await page.goto('/imports');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start import' })).toHaveCount(0);
});
