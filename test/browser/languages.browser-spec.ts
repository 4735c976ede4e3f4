import { expect, test, type Page } from '@playwright/test';
import { createGroup, createTechnician } from '../support/fixtures';
import {
  api,
  type AxeViolation,
  masterToken,
  screenshot,
  seriousViolations,
  useSession,
} from './support/app';
import { findOverflows, type Overflow } from './support/overflow';
import { tag } from './support/technicians';

/**
 * The center in each of its seven languages (issue 26): chosen from the browser's
 * Accept-Language on a first visit, then by the picker; and every main page at 1280 px wide,
 * screenshot in test-results/screens/<language>-<page>.png, with no control's text cut or
 * running out of its box, and no serious or critical violation axe-core finds.
 */
const LANGUAGES = ['en', 'fr', 'it', 'de', 'es', 'pt', 'nl'] as const;

test.describe('the first language', () => {
  test.use({ locale: 'fr-FR' });

  test('follows the browser’s Accept-Language, then the picker, which sticks', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

    await page.getByRole('combobox', { name: 'Langue' }).selectOption({ label: 'Nederlands' });
    await expect(page.getByRole('heading', { name: 'Aanmelden' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Aanmelden' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Taal' })).toHaveValue('nl');
  });
});

test('the picker offers the seven languages, each in itself, in the seed’s order', async ({
  page,
}) => {
  await page.goto('/sign-in');
  const options = page.getByRole('combobox', { name: 'Language' }).getByRole('option');
  await expect(options).toHaveText([
    'English',
    'Français',
    'Italiano',
    'Deutsch',
    'Español',
    'Português',
    'Nederlands',
  ]);
});

/** Waits for the page's data: nothing loading, the main heading drawn. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main, form').first()).toBeVisible();
  await expect(page.locator('[data-loading], .mantine-Loader-root')).toHaveCount(0);
}

test('every main page, in every language, fits its text at 1280 px and passes axe-core', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const token = await masterToken();
  const id = tag();
  const group = await createGroup(api(), token, { name: `Support ${id}` });
  await createGroup(api(), token, { name: `Tier 2 ${id}`, parentId: group.id });
  const technician = await createTechnician(api(), token, group.id, { name: `Ada ${id}` });

  const pages: [string, string][] = [
    ['tree', `/groups/${group.id}`],
    ['technician', `/technicians/${technician.id}`],
    ['imports', '/imports'],
    ['settings', '/settings'],
    ['audit', '/audit'],
    ['search', `/search?q=${encodeURIComponent(id)}`],
  ];
  const overflows: (Overflow & { language: string; page: string })[] = [];
  const violations: (AxeViolation & { language: string; page: string })[] = [];
  for (const language of LANGUAGES) {
    // The browser's own locale too, as a person of that language has it (dates in inputs).
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: language,
    });
    await context.addInitScript((chosen) => localStorage.setItem('rac.language', chosen), language);
    const page = await context.newPage();
    const check = async (name: string) => {
      await settle(page);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await screenshot(page, `${language}-${name}`);
      for (const overflow of await findOverflows(page))
        overflows.push({ language, page: name, ...overflow });
      for (const violation of await seriousViolations(page))
        violations.push({ language, page: name, ...violation });
    };

    await page.goto('/sign-in');
    await check('sign-in');
    await useSession(page);
    for (const [name, path] of pages) {
      await page.goto(path);
      if (name === 'tree') await expect(page.getByRole('tree')).toBeVisible();
      if (name === 'search') await expect(page.getByRole('table')).toBeVisible();
      await check(name);
    }
    await context.close();
  }
  expect({ overflows, violations }).toEqual({ overflows: [], violations: [] });
});
