import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { seedLargeOrganization } from '../../bench/seed';
import type { Stack } from '../support/stack';
import { createGroup, createTechnician } from '../support/fixtures';
import { api, checkPage, useSession } from './support/app';
import { createSignedInOrganization, type Organization } from './support/organizations';

/**
 * Issue 26: every group picker at 10,000 groups. Each searches on the server (GET
 * /groups/search) and shows the chosen group's path; no page may read the whole tree
 * (GET /groups), which at this size every picker used to download and render.
 */

const GROUPS = 10_000;
let org: Organization;
let organizationId: string;
/** A group three levels down, named with a word of its own: Region › Team › Deep › Target. */
let target: { id: string; name: string; path: string };
let word: string;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  org = await createSignedInOrganization('pickers-large');
  organizationId = (await api().get('/api/v1/me', org.token)).body.organizationId as string;
  // The bench's seed: 10,000 groups written into org's tables (a request each would take minutes).
  const orgDatabase = new URL(JSON.parse(process.env.WEB_STACK_VARS!).ORG_DATABASE_URL).pathname;
  const stack = { env: { databases: { org: orgDatabase.slice(1) } } } as unknown as Stack;
  await seedLargeOrganization(stack, organizationId, GROUPS, 0);
  const region = (await api().get('/api/v1/groups/search?q=Region%20417', org.token)).body
    .items[0] as { id: string; name: string };
  const team = await createGroup(api(), org.token, { name: 'Team far', parentId: region.id });
  word = `Deepest${randomBytes(3).toString('hex')}`;
  const deep = await createGroup(api(), org.token, { name: 'Deep', parentId: team.id });
  const made = await createGroup(api(), org.token, { name: word, parentId: deep.id });
  target = { id: made.id, name: word, path: `${region.name} › Team far › Deep › ${word}` };
});

/** Signs in as the large organization and records any request for the whole tree. */
async function openAsLarge(page: Page): Promise<string[]> {
  const wholeTree: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/groups') wholeTree.push(request.url());
  });
  await useSession(page, org.email, org.password);
  return wholeTree;
}

/** Types the target's name in a picker and chooses it by its path. */
async function chooseTarget(page: Page, name: string): Promise<void> {
  const picker = page.getByRole('combobox', { name });
  await picker.click();
  await picker.fill(word);
  await page.getByRole('option', { name: target.path }).click();
}

test('every group picker finds a deep group among 10,000 without reading the whole tree', async ({
  page,
}) => {
  const wholeTree = await openAsLarge(page);

  // Import technicians: "Search technician group...".
  await page.goto('/imports');
  await chooseTarget(page, 'Search technician group...');
  await expect(page.getByRole('combobox', { name: 'Search technician group...' })).toHaveValue(
    target.path,
  );
  await checkPage(page, 'pickers-large-import');

  // A technician's page: Move to Technician Group.
  const from = (await api().get('/api/v1/groups/search?q=Team%201234', org.token)).body.items[0];
  const technician = await createTechnician(api(), org.token, from.id, {
    name: `Mover ${word}`,
  });
  await page.goto(`/technicians/${technician.id}`);
  await chooseTarget(page, 'Move to Technician Group');
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(page.getByText(`${technician.name} is now in ${target.path}.`)).toBeVisible();

  // Search: the technician found, with its group's path.
  await page.goto(`/search?q=${encodeURIComponent(`Mover ${word}`)}`);
  const row = page
    .getByRole('table', { name: 'Technicians found' })
    .getByRole('row')
    .filter({ hasText: technician.email });
  await expect(row).toContainText(target.path);

  // Global Settings: an Administrator's Assigned groups.
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create administrator' });
  await chooseTarget(page, 'Assigned groups');
  await expect(dialog.getByText(target.path)).toBeVisible();
  // The list stays open for more choices; Escape closes it (a second would close the dialog).
  await dialog.getByRole('combobox', { name: 'Assigned groups' }).press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  await checkPage(page, 'pickers-large-administrator');

  expect(wholeTree).toEqual([]);
});
