#!/usr/bin/env node
/**
 * Which folders of a package import which: inside every service, library and the web app,
 * folders must depend on each other in one direction only. Prints the pairs that import each
 * other (and the files that do), exits 1 when there is one. Used by test/architecture.spec.ts.
 *
 *   node scripts/folder-dependencies.js            # every package
 *   node scripts/folder-dependencies.js services/org/src
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGES = [
  ...['audit', 'gateway', 'identity', 'import', 'org'].map((s) => `services/${s}/src`),
  'libs/contracts/src',
  'libs/platform/src',
  'web/src',
];
const SOURCE = /\.(ts|tsx)$/;
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** The top folder of a file inside its package, or undefined for a file at the package's root. */
function folderOf(packageDir, file) {
  const relative = path.relative(packageDir, file);
  if (relative.startsWith('..')) return undefined;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** `{ 'a -> b': [files of a importing b] }` for one package. */
function edgesOf(packageDir) {
  const edges = {};
  for (const file of filesUnder(packageDir)) {
    const from = folderOf(packageDir, file);
    if (!from) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), match[1] ?? match[2]);
      const to = folderOf(packageDir, target);
      if (!to || to === from) continue;
      (edges[`${from} -> ${to}`] ??= []).push(path.relative(ROOT, file));
    }
  }
  return edges;
}

/** Pairs of folders of one package that import each other. */
function twoWayPairs(packageDir) {
  const edges = edgesOf(packageDir);
  const pairs = [];
  for (const key of Object.keys(edges)) {
    const [a, b] = key.split(' -> ');
    if (a < b && edges[`${b} -> ${a}`]) {
      pairs.push({
        pair: `${a} <-> ${b}`,
        [`${a} -> ${b}`]: edges[key],
        [`${b} -> ${a}`]: edges[`${b} -> ${a}`],
      });
    }
  }
  return pairs;
}

function check(packages = PACKAGES) {
  return packages.flatMap((pkg) =>
    twoWayPairs(path.join(ROOT, pkg)).map((pair) => ({ package: pkg, ...pair })),
  );
}

module.exports = { check, edgesOf, PACKAGES };

if (require.main === module) {
  const found = check(process.argv.length > 2 ? process.argv.slice(2) : PACKAGES);
  for (const { package: pkg, pair, ...files } of found) {
    process.stdout.write(`${pkg}: ${pair}\n`);
    for (const [edge, list] of Object.entries(files)) {
      process.stdout.write(`  ${edge}: ${[...new Set(list)].join(', ')}\n`);
    }
  }
  process.stdout.write(`${found.length} pair(s) of folders import each other\n`);
  process.exitCode = found.length > 0 ? 1 : 0;
}
