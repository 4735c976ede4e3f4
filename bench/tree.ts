import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { queryDatabase } from '../test/support/databases';
import { createGroup } from '../test/support/fixtures';
import type { Stack } from '../test/support/stack';
import { percentiles, type Percentiles } from './measure';
import { CHROMIUM_LAUNCH } from '../test/support/chromium';

const RUNS = 7;

export interface TreeFigures {
  /** From navigation to the first group on the tree: the app, GET /me, GET /groups, render. */
  showTree: Percentiles;
  /** When, in the same loads, GET /groups had been answered (the rest is the app and the render). */
  groupsAnswered: Percentiles;
  /** By the page's own clock: when it asked GET /groups/roots, and when its scripts were all in. */
  rootsAsked: Percentiles;
  scriptsIn: Percentiles;
  /** By the page's own clock, the first group in the DOM (without the test's polling). */
  shownInPage: Percentiles;
  /** From opening a group of `technicians` technicians to its first technicians on the tree. */
  openLargeGroup: Percentiles;
  groups: number;
  technicians: number;
}

/**
 * `count` technicians written straight into org's tables in one group (as seed.ts does:
 * hashing their passwords would take minutes and say nothing about the tree).
 */
async function seedTechnicians(stack: Stack, groupId: string, count: number): Promise<void> {
  await queryDatabase(
    stack.env.databases.org,
    `WITH target AS (SELECT id, organization_id FROM groups WHERE id = $2),
          seeded AS MATERIALIZED (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1::int) n),
          accounts_made AS (
            INSERT INTO accounts (id, organization_id, role, name, sort_name, email, email_normalized, enabled, state)
            SELECT seeded.id, target.organization_id, 'technician', 'Large Team Member ' || n, 'large team member ' || n,
                   'large.' || n || '@bench.example.com', 'large.' || n || '@bench.example.com', true, 'active'
              FROM seeded, target
            RETURNING id)
     INSERT INTO technicians (account_id, organization_id, group_id, nickname, standard_license, mobile_license)
     SELECT seeded.id, target.organization_id, target.id, 'Large ' || n, true, false
       FROM seeded, target`,
    [count, groupId],
  );
  await queryDatabase(stack.env.databases.org, 'ANALYZE');
}

/** A page of Chromium with the session already started (the app keeps it in sessionStorage). */
async function signedInPage(browser: Browser, stack: Stack, token: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: stack.api.baseUrl,
    viewport: { width: 1280, height: 800 },
  });
  const stored = JSON.stringify({ token, expiresAt: Date.now() + 3_600_000 });
  // A string, run in the page (this file is compiled without the DOM's types).
  await context.addInitScript(`sessionStorage.setItem('rac.session', ${JSON.stringify(stored)})`);
  // The page's own clock at the first tree item, with no polling of the test's in between.
  await context.addInitScript(`new MutationObserver((_, observer) => {
    if (document.querySelector('[role=treeitem]')) {
      window.__treeShownAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true })`);
  return context.newPage();
}

/**
 * The Organization Tree in Chromium, on an organization already seeded with about 1,000
 * groups: time to show the tree, and to open a group of `technicianCount` technicians.
 * Undefined when Chromium is not installed.
 */
export async function measureTree(
  stack: Stack,
  token: string,
  technicianCount = 1_000,
): Promise<TreeFigures | undefined> {
  if (!existsSync(CHROMIUM_LAUNCH.executablePath)) return undefined;
  const large = await createGroup(stack.api, token, { name: 'Large team' });
  await seedTechnicians(stack, large.id, technicianCount);
  const groups = (await stack.api.get('/api/v1/groups', token)).body.groups as {
    children: unknown[];
  }[];
  const count = (nodes: { children: unknown[] }[]): number =>
    nodes.reduce((sum, node) => sum + 1 + count(node.children as { children: unknown[] }[]), 0);

  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const showTree: number[] = [];
    const groupsAnswered: number[] = [];
    const openLargeGroup: number[] = [];
    const rootsAsked: number[] = [];
    const scriptsIn: number[] = [];
    const shownInPage: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const page = await signedInPage(browser, stack, token);
      const firstGroup = page.getByRole('tree').getByRole('treeitem').first();
      const started = performance.now();
      await page.goto('/');
      await firstGroup.waitFor();
      const shown = performance.now() - started;
      const answered = await page.evaluate<number | undefined>(
        `performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/groups/roots'))?.responseEnd`,
      );
      const inPage = await page.evaluate<{
        asked?: number;
        scripts: number;
        shown: number;
      }>(`(() => {
        const entries = performance.getEntriesByType('resource');
        const shown = window.__treeShownAt;
        const scripts = entries.filter((e) => e.name.endsWith('.js') && e.responseEnd <= shown);
        return {
          asked: entries.find((e) => e.name.includes('/api/v1/groups/roots'))?.startTime,
          scripts: Math.max(0, ...scripts.map((e) => e.responseEnd)),
          shown,
        };
      })()`);

      // The large group, selected by its address (shown, closed), then opened.
      await page.goto(`/groups/${large.id}`);
      const row = page.getByRole('treeitem', { name: /^Large team [\d,]+ technicians$/ });
      await row.waitFor();
      const firstTechnician = page.getByRole('treeitem', {
        name: 'Large Team Member 1',
        exact: true,
      });
      const opening = performance.now();
      await row.dblclick();
      await firstTechnician.waitFor();
      const opened = performance.now() - opening;
      if (run > 0) {
        // The first run warms the caches (files, connections, the JIT) and is not counted.
        showTree.push(shown);
        if (answered !== undefined) groupsAnswered.push(answered);
        if (inPage.asked !== undefined) rootsAsked.push(inPage.asked);
        scriptsIn.push(inPage.scripts);
        shownInPage.push(inPage.shown);
        openLargeGroup.push(opened);
      }
      await page.context().close();
    }
    return {
      showTree: percentiles(showTree),
      groupsAnswered: percentiles(groupsAnswered),
      rootsAsked: percentiles(rootsAsked),
      scriptsIn: percentiles(scriptsIn),
      shownInPage: percentiles(shownInPage),
      openLargeGroup: percentiles(openLargeGroup),
      groups: count(groups),
      technicians: technicianCount,
    };
  } finally {
    await browser.close();
  }
}
