import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import {
  createAdministrator,
  createGroup,
  createTechnician,
  signInChangingPassword,
} from '../support/fixtures';
import { csvImportFile, technicianRow, uploadImport, waitForImport } from '../support/imports';
import type { Stack } from '../support/stack';
import { api, checkPage, masterToken, useSession } from './support/app';
import { item, treeOf, unique } from './support/organization-tree';

/**
 * Workflow 2 of issue 11 (the Organization Tree, the home page): what the tree shows and to
 * whom, a level at a time and a page at a time; the keyboard; right-click (or Shift+F10) →
 * Create technician. Groups edited and technicians moved on the tree:
 * organization-tree-changes.browser-spec.ts.
 */

/** Whether the keyboard focus is inside an open menu. */
const focusIsInMenu = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[role="menu"]') !== null);

test('the tree reads a level at a time: the top, a group’s sub-groups when it opens, never the whole tree', async ({
  page,
}) => {
  const token = await masterToken();
  const top = await createGroup(api(), token, { name: unique('Levels') });
  const below = await createGroup(api(), token, { name: unique('Level two'), parentId: top.id });
  const paths: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/v1/groups')) paths.push(pathname);
  });

  await useSession(page);
  await page.goto(`/groups/${top.id}`);
  await expect(item(page, top.name)).toHaveAttribute('aria-expanded', 'false');
  await item(page, top.name).dblclick();
  await expect(item(page, below.name)).toHaveAttribute('aria-level', '2');

  expect(paths).toContain('/api/v1/groups/roots');
  expect(paths).toContain(`/api/v1/groups/${top.id}/children`);
  // The whole tree (GET /groups) is never asked for, nor a level of a closed group.
  expect(paths).not.toContain('/api/v1/groups');
  expect(paths).not.toContain(`/api/v1/groups/${below.id}/children`);
});

test('a Master Administrator sees the groups nested to any depth, and a group’s technicians when it opens', async ({
  page,
}) => {
  const token = await masterToken();
  const top = await createGroup(api(), token, { name: unique('Support') });
  const middle = await createGroup(api(), token, { name: unique('EMEA'), parentId: top.id });
  const deep = await createGroup(api(), token, { name: unique('Tier 2'), parentId: middle.id });
  const deeper = await createGroup(api(), token, { name: unique('Night'), parentId: deep.id });
  const ada = await createTechnician(api(), token, middle.id, { name: unique('Ada') });
  const bob = await createTechnician(api(), token, middle.id, { name: unique('Bob') });

  await useSession(page);
  // The address of a deep group opens the groups above it, so that it shows.
  await page.goto(`/groups/${deep.id}`);
  await expect(page.getByRole('heading', { name: 'Organization Tree', level: 1 })).toBeVisible();
  await expect(item(page, top.name)).toHaveAttribute('aria-level', '1');
  await expect(item(page, top.name)).toHaveAttribute('aria-expanded', 'true');
  await expect(item(page, middle.name)).toHaveAttribute('aria-level', '2');
  await expect(item(page, deep.name)).toHaveAttribute('aria-level', '3');
  await expect(item(page, deep.name)).toHaveAttribute('aria-selected', 'true');
  await expect(item(page, deep.name)).toHaveAttribute('aria-expanded', 'false');
  await expect(item(page, middle.name)).toHaveAttribute('aria-selected', 'false');
  await expect(item(page, deeper.name)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: deep.name, level: 2 })).toBeVisible();

  // An open group shows its sub-groups, then its technicians (loaded when it opens).
  await expect(item(page, ada.name)).toHaveAttribute('aria-level', '3');
  await expect(item(page, bob.name)).toBeVisible();
  await expect(item(page, middle.name)).toHaveAccessibleName(`${middle.name} 2 technicians`);
  await item(page, deep.name).dblclick();
  await expect(item(page, deeper.name)).toHaveAttribute('aria-level', '4');
  await item(page, middle.name).dblclick();
  await expect(item(page, middle.name)).toHaveAttribute('aria-expanded', 'false');
  await expect(item(page, ada.name)).toHaveCount(0);
  await expect(item(page, deeper.name)).toHaveCount(0);
  await item(page, middle.name).dblclick();
  await expect(item(page, deeper.name)).toBeVisible();

  // The selected group's technicians, as a table linking to each.
  await item(page, middle.name).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${middle.id}$`));
  const table = page.getByRole('table', { name: `Technicians in ${middle.name}` });
  await expect(table.getByRole('link', { name: ada.name })).toHaveAttribute(
    'href',
    `/technicians/${ada.id}`,
  );
  await expect(table.getByRole('row', { name: new RegExp(bob.email) })).toContainText('Enabled');
  await expect(page.getByRole('link', { name: 'Create technician' })).toHaveAttribute(
    'href',
    `/groups/${middle.id}/technicians/new`,
  );
  await checkPage(page, 'organization-tree');
});

test('an Administrator sees only the sub-group assigned to them and what is below it', async ({
  page,
}) => {
  const token = await masterToken();
  const top = await createGroup(api(), token, { name: unique('Company') });
  const assigned = await createGroup(api(), token, { name: unique('Assigned'), parentId: top.id });
  const below = await createGroup(api(), token, { name: unique('Below'), parentId: assigned.id });
  const sibling = await createGroup(api(), token, { name: unique('Sibling'), parentId: top.id });
  const admin = await createAdministrator(api(), token, { groupIds: [assigned.id] });
  await signInChangingPassword(api(), admin.email, admin.password);

  await useSession(page, admin.email, `${admin.password}-New9`);
  await page.goto('/');
  await expect(item(page, assigned.name)).toHaveAttribute('aria-level', '1');
  await expect(treeOf(page).getByRole('treeitem')).toHaveCount(1);
  await expect(item(page, top.name)).toHaveCount(0);
  await expect(item(page, sibling.name)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Create group' })).toHaveCount(0);
  await item(page, assigned.name).dblclick();
  await expect(item(page, below.name)).toHaveAttribute('aria-level', '2');
  await expect(treeOf(page).getByRole('treeitem')).toHaveCount(2);

  // A group outside the scope is not shown, even by its address.
  await page.goto(`/groups/${sibling.id}`);
  await expect(page.getByRole('alert')).toContainText('Technician Group not found');
  await checkPage(page, 'organization-tree-group-not-found');
});

test('the tree works by keyboard: arrows move and open, Enter selects, Shift+F10 opens the menu', async ({
  page,
}) => {
  const token = await masterToken();
  const parent = await createGroup(api(), token, { name: unique('Keys') });
  const child = await createGroup(api(), token, { name: unique('Child'), parentId: parent.id });
  const tech = await createTechnician(api(), token, parent.id, { name: unique('Kim') });
  await useSession(page);
  await page.goto(`/groups/${parent.id}`);

  const start = item(page, parent.name);
  await start.focus();
  await expect(start).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('ArrowRight');
  await expect(start).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(item(page, child.name)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item(page, tech.name)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(start).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(start).toHaveAttribute('aria-expanded', 'false');
  await expect(item(page, child.name)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(item(page, child.name)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/groups/${child.id}$`));
  await expect(item(page, child.name)).toHaveAttribute('aria-selected', 'true');
  await expect(item(page, child.name)).toBeFocused();

  // The context menu from the keyboard, on the focused group.
  await page.keyboard.press('Shift+F10');
  const menuItem = page.getByRole('menuitem', { name: 'Create technician' });
  await expect(menuItem).toBeVisible();
  // The menu takes the focus once it has opened (a key pressed before goes to the tree).
  await expect.poll(() => focusIsInMenu(page)).toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect(menuItem).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/groups/${child.id}/technicians/new$`));

  // And with the ContextMenu key.
  await page.goto(`/groups/${parent.id}`);
  await item(page, parent.name).focus();
  await page.keyboard.press('ContextMenu');
  await expect(page.getByRole('menuitem', { name: 'Create technician' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menuitem', { name: 'Create technician' })).toHaveCount(0);
});

test('right-click on a group → Create technician', async ({ page }) => {
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: unique('Right-click') });
  await useSession(page);
  await page.goto(`/groups/${group.id}`);
  await item(page, group.name).click({ button: 'right' });
  await expect(page.getByRole('menu', { name: `Actions for ${group.name}` })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Create technician' }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${group.id}/technicians/new$`));
});

test('a large group shows its technicians a page at a time, in a virtualised tree', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const token = await masterToken();
  const group = await createGroup(api(), token, { name: unique('Large') });
  // 205 technicians: more than one page of the tree (200); imported, as creating them one by
  // one would take longer.
  const rows = Array.from({ length: 205 }, (_, i) =>
    technicianRow(group.id, {
      email: `large.${i}.${randomBytes(3).toString('hex')}@example.com`,
      password: `Large-${randomBytes(4).toString('hex')}-7q`,
      Name: `Large ${String(i).padStart(3, '0')}`,
    }),
  );
  const stack = { api: api() } as unknown as Stack;
  const upload = await uploadImport(stack, token, csvImportFile(rows));
  expect(upload.status).toBe(202);
  expect((await waitForImport(stack, token, upload.body.id)).succeeded).toBe(205);

  await useSession(page);
  await page.goto(`/groups/${group.id}`);
  await item(page, group.name).focus();
  await page.keyboard.press('ArrowRight');
  await expect(item(page, 'Large 000')).toHaveAttribute('aria-setsize', '201');
  // Only the rows in view are in the page.
  expect(await treeOf(page).getByRole('treeitem').count()).toBeLessThan(80);
  for (let i = 0; i < 201; i++) await page.keyboard.press('ArrowDown');
  const more = item(page, 'Show more technicians');
  await expect(more).toBeFocused();
  await expect(item(page, 'Large 199')).toHaveAttribute('aria-posinset', '200');
  await page.keyboard.press('Enter');
  await expect(more).toHaveCount(0);
  // Focus keeps its place: on the first technician of the next page.
  await expect(item(page, 'Large 200')).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(item(page, 'Large 204')).toBeFocused();
  await expect(item(page, 'Large 204')).toHaveAttribute('aria-posinset', '205');
  await expect(item(page, 'Large 204')).toHaveAttribute('aria-setsize', '205');
  await expect(item(page, 'Large 000')).toHaveCount(0); // scrolled away
});
