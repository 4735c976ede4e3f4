import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  signInChangingPassword,
  uniqueEmail,
} from '../support/fixtures';
import { api, checkPage, masterToken, useSession } from './support/app';

/** Workflow 7 of issue 11: search technicians by name or email, from the header, in scope. */

/** A word no other test uses, so that a search finds only this test's technicians. */
const uniqueWord = (label: string) => `${label}${randomBytes(4).toString('hex')}`;

/** Types in the header's search box and presses Enter, as a person does. */
async function searchFromHeader(page: Page, text: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Search technicians' });
  await box.fill(text);
  await box.press('Enter');
  await expect(page).toHaveURL(`/search?q=${encodeURIComponent(text)}`);
}

const results = (page: Page) => page.getByRole('table', { name: 'Technicians found' });

test('search from the header finds a technician by part of its name and by email', async ({
  page,
}) => {
  const token = await masterToken();
  const word = uniqueWord('Quill');
  const parent = await createGroup(api(), token, { name: `Search parent ${word}` });
  const child = await createGroup(api(), token, {
    name: 'Search child',
    parentId: parent.id,
  });
  const technician = await createTechnician(api(), token, child.id, {
    name: `Ottilie ${word} Brandt`,
    email: uniqueEmail(`ottilie.${word.toLowerCase()}`),
  });
  await createTechnician(api(), token, child.id, { name: `Other ${word}`, enabled: false });

  await useSession(page);
  await page.goto('/');
  await searchFromHeader(page, word.toLowerCase().slice(0, 9));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Search results for “${word.toLowerCase().slice(0, 9)}”`,
  );
  const row = results(page).getByRole('row').filter({ hasText: technician.email });
  await expect(row).toContainText(`Search parent ${word} › Search child`);
  await expect(row).toContainText('Enabled');
  await expect(
    results(page)
      .getByRole('row')
      .filter({ hasText: `Other ${word}` }),
  ).toContainText('Disabled');
  await checkPage(page, 'search');

  // By email, and the name leads to the technician's page.
  await searchFromHeader(page, technician.email.toUpperCase());
  await expect(results(page).getByRole('row')).toHaveCount(2); // the header row and one match
  await results(page).getByRole('link', { name: technician.name }).click();
  await expect(page).toHaveURL(`/technicians/${technician.id}`);
});

test('a search that finds nothing says so, with the query', async ({ page }) => {
  await useSession(page);
  await page.goto('/');
  const word = uniqueWord('Nobody');
  await searchFromHeader(page, word);
  await expect(
    page.getByRole('heading', { name: `No technician matches “${word}”` }),
  ).toBeVisible();
  await expect(results(page)).toHaveCount(0);
  await checkPage(page, 'search-empty');
});

test("an Administrator's search finds only the technicians of their groups", async ({ page }) => {
  const token = await masterToken();
  const word = uniqueWord('Scope');
  const mine = await createGroup(api(), token, { name: `Mine ${word}` });
  const theirs = await createGroup(api(), token, { name: `Theirs ${word}` });
  const inside = await createTechnician(api(), token, mine.id, { name: `Inside ${word}` });
  const outside = await createTechnician(api(), token, theirs.id, { name: `Outside ${word}` });
  const admin = await createAdministrator(api(), token, { groupIds: [mine.id] });
  await signInChangingPassword(api(), admin.email, admin.password);
  await useSession(page, admin.email, `${admin.password}-New9`);

  await page.goto('/');
  await searchFromHeader(page, word);
  await expect(results(page).getByRole('link', { name: inside.name })).toBeVisible();
  await expect(results(page).getByText(outside.name)).toHaveCount(0);
  await searchFromHeader(page, outside.email);
  await expect(page.getByRole('heading', { name: /^No technician matches/ })).toBeVisible();
});

test('long results come a page at a time, with Load more', async ({ page }) => {
  const token = await masterToken();
  const word = uniqueWord('Many');
  const group = await createGroup(api(), token, { name: `Many ${word}` });
  const total = 55; // the page holds 50
  for (let start = 0; start < total; start += 11) {
    await Promise.all(
      Array.from({ length: Math.min(11, total - start) }, (_, i) =>
        createTechnician(api(), token, group.id, {
          name: `${word} ${String(start + i).padStart(2, '0')}`,
        }),
      ),
    );
  }
  await useSession(page);
  await page.goto(`/search?q=${word}`);
  const rows = results(page).getByRole('row');
  await expect(rows).toHaveCount(50 + 1);
  await expect(page.getByText('50 technicians shown')).toBeVisible();
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(rows).toHaveCount(total + 1);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  await expect(rows.last()).toContainText(`${word} 54`);
});
