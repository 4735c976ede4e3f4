#!/usr/bin/env node
/*
 * Writes test/durations.json (seconds per test file, from the repository's root) from jest's
 * own timings of the last run in this checkout (its perf-cache files), for the slowest-first
 * order of test/support/slowest-first-sequencer.js. Run it after a whole `npm test`.
 */
'use strict';
const { readdirSync, readFileSync, writeFileSync, existsSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'test', 'durations.json');
const cacheRoots = readdirSync(os.tmpdir())
  .filter((name) => name.startsWith('jest_'))
  .map((name) => path.join(os.tmpdir(), name));

const durations = existsSync(target) ? JSON.parse(readFileSync(target, 'utf8')) : {};
let found = 0;
for (const dir of cacheRoots)
  for (const file of readdirSync(dir).filter((name) => name.startsWith('perf-cache-'))) {
    const cache = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    for (const [testPath, [, ms]] of Object.entries(cache)) {
      if (!testPath.startsWith(root + path.sep) || !existsSync(testPath)) continue;
      durations[path.relative(root, testPath)] = Math.round(ms / 100) / 10;
      found++;
    }
  }
// Files that no longer exist leave the list.
for (const file of Object.keys(durations))
  if (!existsSync(path.join(root, file))) delete durations[file];
const sorted = Object.fromEntries(Object.entries(durations).sort(([, a], [, b]) => b - a));
writeFileSync(target, JSON.stringify(sorted, null, 2) + '\n');
process.stdout.write(
  `test/durations.json: ${Object.keys(sorted).length} files (${found} timings read)\n`,
);
