import { expect, test } from '@playwright/test';
import { createGroup, GOOD_PASSWORD, uniqueEmail } from '../support/fixtures';
import { api, masterToken, useSession } from './support/app';
import { dragOnTree, item, unique } from './support/organization-tree';

/**
 * Workflows 3 and 4 of issue 11 across pages, as a Master Administrator does them: from the
 * Organization Tree, right-click → Create technician → Save changes, and the technician is
 * on the tree; dragged onto another group, the permissions shown are that group's.
 */

test('right-click → Create technician → Save changes: the technician is on the tree; dragged to another group, it has that group’s permissions', async ({
  page,
}) => {
  const token = await masterToken();
  const parent = await createGroup(api(), token, { name: unique('Workflows') });
  const support = await createGroup(api(), token, {
    name: unique('Support'),
    parentId: parent.id,
    permissions: ['RemoteControl', 'Chat'],
  });
  const sales = await createGroup(api(), token, {
    name: unique('Sales'),
    parentId: parent.id,
    permissions: ['SendFile'],
  });
  const name = unique('Ada Lovelace');

  await useSession(page);
  await page.goto(`/groups/${support.id}`); // the groups above it open
  await item(page, support.name).click({ button: 'right' });
  await expect(page.getByRole('menu', { name: `Actions for ${support.name}` })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Create technician' }).click();
  // Until the create page has loaded, the group's panel (with a Name field of its own) is still
  // shown: typing before the heading changes filled the group's Name, and the form's stayed empty.
  await expect(
    page.getByRole('heading', { level: 1, name: `Create technician in ${support.name}` }),
  ).toBeVisible();

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(uniqueEmail('ada'));
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(GOOD_PASSWORD);
  await page.getByRole('button', { name: 'Save changes' }).click();

  // Back on the tree, in the group it was created in.
  await expect(page).toHaveURL(new RegExp(`/groups/${support.id}$`));
  await expect(item(page, support.name)).toHaveAccessibleName(`${support.name} 1 technician`);
  // The tree scrolls the selected group into view once it shows it (GroupTree). A double click
  // before that scroll has ended is checked to hit the row on its first press only: its second
  // click and the dblclick event land on whichever row has moved under the pointer (with the
  // groups of the whole suite above this one, it is scrolled to). Wait for the scroll's end.
  await expect(item(page, support.name)).toBeInViewport({ ratio: 1 });
  if ((await item(page, support.name).getAttribute('aria-expanded')) !== 'true') {
    await item(page, support.name).dblclick();
  }
  await expect(item(page, name)).toBeVisible();

  await dragOnTree(page, name, sales.name);
  await expect(page.getByRole('status').filter({ hasText: 'moved to' })).toContainText(
    `${name} moved to ${sales.name}`,
  );

  // Selected on the tree, its Configuration page shows the new group's permissions.
  await item(page, name).click();
  await expect(page).toHaveURL(/\/technicians\/[0-9a-f-]{36}$/);
  const permissions = page.getByRole('list', { name: 'Inherited permissions' });
  await expect(permissions.getByRole('listitem')).toHaveText(['Send files']);
  await expect(page.getByRole('link', { name: sales.name }).first()).toBeVisible();
});
