import { expect, test } from '@playwright/test';
import { createGroup, createTechnician } from '../support/fixtures';
import { api, checkPage, masterToken, useSession } from './support/app';
import { dragOnTree, item, treeOf, unique } from './support/organization-tree';

/**
 * The Organization Tree's changes (workflow 2 of issue 11), and the tree's half of workflow 4:
 * a group's fields edited, groups created and deleted, and a technician dragged onto another
 * group, or moved there with the keyboard. What the tree shows, and its keyboard: organization-tree-navigation.browser-spec.ts.
 */

async function getGroup(id: string) {
  const answer = await api().get(`/api/v1/groups/${id}`, await masterToken());
  return answer;
}

test('a group’s name, description and permissions are edited and saved', async ({ page }) => {
  const token = await masterToken();
  const group = await createGroup(api(), token, {
    name: unique('Editable'),
    permissions: ['RemoteView'],
  });
  await useSession(page);
  await page.goto(`/groups/${group.id}`);
  const renamed = unique('Renamed');
  await page.getByRole('textbox', { name: 'Name' }).fill(renamed);
  await page.getByRole('textbox', { name: 'Description' }).fill('Second-line support, Europe');
  await page.getByRole('checkbox', { name: 'Remote view' }).uncheck();
  await page.getByRole('checkbox', { name: 'Remote control' }).check();
  await page.getByRole('checkbox', { name: 'Chat' }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();

  const saved = await getGroup(group.id);
  expect(saved.body).toMatchObject({
    name: renamed,
    description: 'Second-line support, Europe',
  });
  expect([...saved.body.permissions].sort()).toEqual(['Chat', 'RemoteControl']);
  await expect(item(page, renamed)).toBeVisible();
  await expect(page.getByRole('heading', { name: renamed, level: 2 })).toBeVisible();

  // A name the server refuses lands on the field, in words.
  await page.getByRole('textbox', { name: 'Name' }).fill('   ');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
    'Enter a name',
  );
});

test('a sub-group is created under the selected group', async ({ page }) => {
  const token = await masterToken();
  const parent = await createGroup(api(), token, { name: unique('Parent') });
  await useSession(page);
  await page.goto(`/groups/${parent.id}`);
  await page.getByRole('button', { name: 'Create sub-group' }).click();
  const dialog = page.getByRole('dialog', { name: `Create a sub-group of ${parent.name}` });
  const name = unique('Child');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Made in the browser');
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  const id = /\/groups\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  expect(id).toBeDefined();
  const created = await getGroup(id!);
  expect(created.body).toMatchObject({
    name,
    parentId: parent.id,
    description: 'Made in the browser',
  });
  await expect(item(page, parent.name)).toHaveAttribute('aria-expanded', 'true');
  await expect(item(page, name)).toHaveAttribute('aria-level', '2');
});

test('a Master Administrator creates a top-level group', async ({ page }) => {
  await useSession(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Create group' }).click();
  const name = unique('Top');
  const dialog = page.getByRole('dialog', { name: 'Create a top-level Technician Group' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  await expect(item(page, name)).toHaveAttribute('aria-level', '1');
  const id = /\/groups\/([0-9a-f-]{36})$/.exec(page.url())![1];
  expect((await getGroup(id)).body.parentId).toBeNull();
});

test('an empty group is deleted; one that is not empty is refused in words', async ({ page }) => {
  const token = await masterToken();
  const parent = await createGroup(api(), token, { name: unique('Deletions') });
  const empty = await createGroup(api(), token, { name: unique('Empty'), parentId: parent.id });
  const busy = await createGroup(api(), token, { name: unique('Busy'), parentId: parent.id });
  await createTechnician(api(), token, busy.id);
  await useSession(page);

  await page.goto(`/groups/${empty.id}`);
  await page.getByRole('button', { name: 'Delete group' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${empty.name}` });
  await expect(dialog).toContainText('This cannot be undone.');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/groups/${parent.id}$`));
  await expect(item(page, empty.name)).toHaveCount(0);
  expect((await getGroup(empty.id)).status).toBe(404);

  await page.goto(`/groups/${busy.id}`);
  await page.getByRole('button', { name: 'Delete group' }).click();
  const refused = page.getByRole('dialog', { name: `Delete ${busy.name}` });
  await refused.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(refused.getByRole('alert')).toContainText(
    'This group is not empty. Move or delete its technicians and its sub-groups first',
  );
  await checkPage(page, 'organization-tree-delete-refused');
  await refused.getByRole('button', { name: 'Close', exact: true }).last().click();
  expect((await getGroup(busy.id)).status).toBe(200);
  // A parent with sub-groups is not empty either.
  await page.goto(`/groups/${parent.id}`);
  await page.getByRole('button', { name: 'Delete group' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('is not empty');
  expect((await getGroup(parent.id)).status).toBe(200);
});

test('a technician dragged onto another group moves there, with that group’s permissions', async ({
  page,
}) => {
  const token = await masterToken();
  const parent = await createGroup(api(), token, { name: unique('Moves') });
  const from = await createGroup(api(), token, {
    name: unique('From'),
    parentId: parent.id,
    permissions: ['RemoteView'],
  });
  const to = await createGroup(api(), token, {
    name: unique('To'),
    parentId: parent.id,
    permissions: ['Chat', 'SendFile'],
  });
  const tech = await createTechnician(api(), token, from.id, { name: unique('Dragged') });
  await useSession(page);
  await page.goto(`/groups/${from.id}`);
  await item(page, from.name).dblclick();
  await expect(item(page, tech.name)).toHaveAttribute('aria-level', '3');

  await dragOnTree(page, tech.name, to.name);

  await expect(page.getByRole('status').filter({ hasText: 'moved to' })).toContainText(
    `${tech.name} moved to ${to.name}`,
  );
  const moved = await api().get(`/api/v1/technicians/${tech.id}`, token);
  expect(moved.body.groupId).toBe(to.id);
  expect([...moved.body.permissions].sort()).toEqual(['Chat', 'SendFile']);
  // The tree shows it under its new group (opened), and the counts follow.
  await expect(item(page, to.name)).toHaveAttribute('aria-expanded', 'true');
  const row = item(page, tech.name);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('aria-level', '3');
  // Its parent on the tree (the nearest row above it one level up) is the new group.
  const rows = await treeOf(page)
    .getByRole('treeitem')
    .evaluateAll((elements) =>
      elements.map((element) => ({
        level: Number(element.getAttribute('aria-level')),
        // Its own name, without the count that follows it in its accessible name.
        name: document.getElementById(element.getAttribute('aria-labelledby')!.split(' ')[0])
          ?.textContent,
      })),
    );
  const at = rows.findIndex((row) => row.name === tech.name);
  const parentRow = rows
    .slice(0, at)
    .reverse()
    .find((row) => row.level === 2);
  expect(parentRow?.name).toBe(to.name);
  await expect(item(page, to.name)).toHaveAccessibleName(`${to.name} 1 technician`);
  await expect(item(page, from.name)).toHaveAccessibleName(`${from.name} 0 technicians`);
});

test('a technician is moved with the keyboard alone: Ctrl+X on it, Ctrl+V on a group, each step said', async ({
  page,
}) => {
  const token = await masterToken();
  const parent = await createGroup(api(), token, { name: unique('Keyboard') });
  const from = await createGroup(api(), token, { name: unique('From'), parentId: parent.id });
  const to = await createGroup(api(), token, {
    name: unique('To'),
    parentId: parent.id,
    permissions: ['Chat'],
  });
  const tech = await createTechnician(api(), token, from.id, { name: unique('Keyed') });
  const stays = await createTechnician(api(), token, from.id, { name: unique('Stays') });
  await useSession(page);
  await page.goto(`/groups/${from.id}`);
  const status = page.getByRole('status').filter({ hasText: tech.name });
  // The tree's tab stop is the selected group; from there on, keys only.
  await item(page, from.name).focus();
  await page.keyboard.press('ArrowRight');
  await expect(item(page, stays.name)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(item(page, tech.name)).toBeFocused();

  await page.keyboard.press('Control+x');
  await expect(status).toHaveText(
    `${tech.name} cut. Choose a group and press Ctrl+V to move it there, or Escape to cancel.`,
  );
  await checkPage(page, 'organization-tree-technician-cut');
  await page.keyboard.press('Escape');
  await expect(status).toHaveText(`Moving ${tech.name} cancelled.`);
  // Pasted on its own group, it stays.
  await page.keyboard.press('Control+x');
  await page.keyboard.press('ArrowUp');
  await expect(item(page, from.name)).toBeFocused();
  await page.keyboard.press('Control+v');
  await expect(status).toHaveText(`${tech.name} is already in ${from.name}.`);

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+x');
  await page.keyboard.press('ArrowDown');
  await expect(item(page, stays.name)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item(page, to.name)).toBeFocused();
  await page.keyboard.press('Control+v');

  await expect(status).toHaveText(
    `${tech.name} moved to ${to.name}; it now has the permissions of ${to.name}.`,
  );
  const moved = await api().get(`/api/v1/technicians/${tech.id}`, token);
  expect(moved.body.groupId).toBe(to.id);
  expect(moved.body.permissions).toEqual(['Chat']);
  await expect(item(page, to.name)).toHaveAttribute('aria-expanded', 'true');
  await expect(item(page, tech.name)).toHaveCount(1);
  await expect(item(page, to.name)).toHaveAccessibleName(`${to.name} 1 technician`);
  await expect(item(page, from.name)).toHaveAccessibleName(`${from.name} 1 technician`);
  await expect(item(page, to.name)).toBeFocused();
});

test('a move the API refuses is told in words', async ({ page }) => {
  const token = await masterToken();
  const parent = await createGroup(api(), token, { name: unique('Refusals') });
  const from = await createGroup(api(), token, { name: unique('From'), parentId: parent.id });
  const to = await createGroup(api(), token, { name: unique('To'), parentId: parent.id });
  const tech = await createTechnician(api(), token, from.id, { name: unique('Gone') });
  await useSession(page);
  await page.goto(`/groups/${from.id}`);
  await item(page, from.name).dblclick();
  await expect(item(page, tech.name)).toBeVisible();
  // Someone else deletes the technician meanwhile.
  expect((await api().request('DELETE', `/api/v1/technicians/${tech.id}`, { token })).status).toBe(
    204,
  );
  await dragOnTree(page, tech.name, to.name);
  await expect(page.getByRole('alert')).toHaveText(
    `${tech.name} could not be moved to ${to.name}: This technician no longer exists.`,
  );
  // The tree follows what is: the technician is gone from its old group.
  await expect(item(page, tech.name)).toHaveCount(0);
  await checkPage(page, 'organization-tree-move-refused');
});
