import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';

/** What the Organization Tree's specs share (organization-tree-*.browser-spec.ts). */

/** A name no other test (nor an earlier run on the same stack) uses. */
export const unique = (label: string) => `${label} ${randomBytes(3).toString('hex')}`;

export const treeOf = (page: Page) => page.getByRole('tree', { name: 'Technician Groups' });

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The tree item of the group or technician `name`: named by its visible text, its name then
 * its count ("EMEA 3 technicians") or state ("Ada disabled"), or its text alone ("Show more
 * technicians"). `name` is the whole of the name before that: "EMEA" is not "EMEA 2".
 */
export const item = (page: Page, name: string) =>
  treeOf(page).getByRole('treeitem', {
    name: new RegExp(`^${escaped(name)}( \\d+ technicians?| disabled)?$`),
  });

/**
 * Drags the tree item `from` onto the item `to`, with the target in the middle of the tree's
 * view first: a row at the view's edge scrolls it while dragged (Chromium scrolls a view under
 * a drag near its edge), and the drop then lands on another row. By now the tree holds every
 * group the suite has made.
 */
export async function dragOnTree(page: Page, from: string, to: string): Promise<void> {
  await item(page, to).evaluate((row) => row.scrollIntoView({ block: 'center' }));
  await item(page, from).dragTo(item(page, to));
}
