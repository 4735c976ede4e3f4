import os from 'node:os';
import type { Stack } from '../test/support/stack';
import { measureFirstLoad } from './first-load';
import { waitForQuiet } from './measure';
import type { Figure } from './report';
import { servicePids } from './stack-work';
import { measureTree } from './tree';

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * The web app in Chromium (item 11 of docs/BENCHMARKS.md): what the sign-in page's first
 * load downloads, and the Organization Tree of the token's organization (about 1,000 groups
 * by then) shown, and a group of 1,000 technicians opened on it.
 */
export async function webFigures(
  stack: Stack,
  token: string,
  figures: Figure[],
  step: (what: string) => void,
): Promise<unknown> {
  const waitedMs = await waitForQuiet(Object.values(servicePids(stack)));
  // Chromium shares the machine's cores: say how busy it was (other work than the stack's).
  const loadAverage = os.loadavg()[0];
  step(
    `the sign-in page's first load in Chromium (waited ${waitedMs} ms for a quiet stack, load ${loadAverage.toFixed(1)})`,
  );
  const load = await measureFirstLoad(stack);
  step('the Organization Tree in Chromium: 1,000 groups, a group of 1,000 technicians');
  const tree = await measureTree(stack, token, 1_000);
  if (!load || !tree) return 'skipped: Chromium not found (set CHROMIUM_PATH)';
  figures.push(
    {
      figure: "JavaScript of the sign-in page's first load, gzipped",
      value: `${kB(load.scriptGzip)} (${load.scripts} files, ${kB(load.scriptRaw)} as built); CSS ${kB(load.cssGzip)} (${kB(load.cssRaw)})`,
      goal: '≤ 150 kB',
      met: load.scriptGzip <= 150_000,
    },
    {
      figure: `Organization Tree shown in Chromium (${tree.groups} groups; load, GET /me, GET /groups/roots, render): p50 / p95`,
      value: `${tree.showTree.p50} / ${tree.showTree.p95} ms (${tree.showTree.count} loads; by the page's clock (p50): GET /groups/roots asked at ${tree.rootsAsked.p50} ms, answered at ${tree.groupsAnswered.p50} ms, its scripts in at ${tree.scriptsIn.p50} ms, the first group at ${tree.shownInPage.p50} ms; load average ${loadAverage.toFixed(1)} before)`,
      goal: 'p95 ≤ 300 ms',
      met: tree.showTree.p95 <= 300,
    },
    {
      figure: `a group of ${tree.technicians} technicians opened on the tree, to its first technicians: p50 / p95`,
      value: `${tree.openLargeGroup.p50} / ${tree.openLargeGroup.p95} ms (${tree.openLargeGroup.count} opens)`,
      goal: 'p95 ≤ 500 ms',
      met: tree.openLargeGroup.p95 <= 500,
    },
  );
  return { firstLoad: load, tree, loadAverage, waitedMs };
}
