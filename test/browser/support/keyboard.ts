import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Presses Tab (and nothing else) until `target` has the focus, as a keyboard user does: at
 * most `limit` presses (past clear buttons and the like), then the target must be focused.
 */
export async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}
