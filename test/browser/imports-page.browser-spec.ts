import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  createAdministrator,
  createGroup,
  GOOD_PASSWORD,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { HEADERS } from '../support/import-files';
import { csvImportFile, technicianRow } from '../support/imports';
import { api, checkPage, masterToken, useSession } from './support/app';
import { chooseFile, importFile, importIds } from './support/import-page';
import { createSignedInOrganization } from './support/organizations';

/**
 * Workflow 6 of issue 11: Import technicians, as a Master Administrator does it: the page,
 * its example files, the files it refuses before anything is created, and who may see it.
 * Imports that run (progress, bad rows, dry run, cancel): imports-runs.browser-spec.ts.
 */

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
  const header = (delimiter: string) => HEADERS.join(delimiter);
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
