import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { GOOD_PASSWORD, uniqueEmail } from '../../support/fixtures';
import { technicianRow, type ImportRowCells } from '../../support/imports';
import { api, masterToken } from './app';

/**
 * The Import technicians page as a person uses it, and what the API says of imports: what
 * the import specs share (imports-*.browser-spec.ts).
 */

const files = mkdtempSync(path.join(tmpdir(), 'browser-imports-'));
/** Writes an import file where a person would keep it, and returns its path. */
export function importFile(name: string, content: string): string {
  const file = path.join(files, name);
  writeFileSync(file, content);
  return file;
}

/** `count` valid rows for `groupId`, each with a unique email and a good password. */
export function goodRows(groupId: string, count: number, label: string): ImportRowCells[] {
  return Array.from({ length: count }, () =>
    technicianRow(groupId, { email: uniqueEmail(label), password: GOOD_PASSWORD }),
  );
}

/** Chooses a file with the Upload file control, as the file chooser does. */
export async function chooseFile(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Upload file' }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByText(path.basename(file)).first()).toBeVisible();
}

/** Picks a group in "Search technician group..." by typing part of its name. */
export async function pickGroup(page: Page, name: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Search technician group...' });
  await picker.fill(name);
  await page.getByRole('option', { name }).click();
  await expect(picker).toHaveValue(name);
}

/** Chooses which rows the Import Summary shows (the radios are drawn as a segmented control). */
export async function showRows(page: Page, name: string | RegExp): Promise<void> {
  const filter = page.getByRole('radiogroup', { name: 'Show rows' });
  await filter.locator('label').filter({ hasText: name }).click();
  await expect(filter.getByRole('radio', { name })).toBeChecked();
}

/** The ids of the imports the API lists (to see that none was added). */
export async function importIds(): Promise<string[]> {
  const answer = await api().get('/api/v1/imports?limit=200', await masterToken());
  expect(answer.status).toBe(200);
  return (answer.body.items as { id: string }[]).map((item) => item.id);
}

/** The id of the import whose page is open. */
export function importIdOf(page: Page): string {
  const match = /\/imports\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
  expect(match).not.toBeNull();
  return match![1];
}

/** The number shown under a label of the Import Summary. */
export async function summaryCount(page: Page, label: string): Promise<number> {
  const summary = page.getByRole('region', { name: 'Import Summary' });
  const value = summary.locator(`dt:text-is("${label}") + dd`);
  return Number(await value.innerText());
}
