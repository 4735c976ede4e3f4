import { randomBytes } from 'node:crypto';
import { test, type Page } from '@playwright/test';
import { useSession } from './app';

/** What the technician pages' specs share (technicians-*.browser-spec.ts). */

/** A short random tag, to make names no other test uses. */
export const tag = () => randomBytes(3).toString('hex');

export const textbox = (page: Page, name: string) =>
  page.getByRole('textbox', { name, exact: true });

/** The bootstrap Master Administrator, for the two workflows' own tests. */
export const asMaster = () =>
  test.beforeEach(async ({ page }) => {
    await useSession(page);
  });
