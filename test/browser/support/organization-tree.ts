import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';

/** What the Organization Tree's specs share (organization-tree-*.browser-spec.ts). */

/** A name no other test (nor an earlier run on the same stack) uses. */
export const unique = (label: string) => `${label} ${randomBytes(3).toString('hex')}`;

export const treeOf = (page: Page) => page.getByRole('tree', { name: 'Technician Groups' });

export const item = (page: Page, name: string) =>
  treeOf(page).getByRole('treeitem', { name, exact: true });
