#!/usr/bin/env node
/*
 * Compiles services/ and libs/ to dist/ with SWC (type checking is `npm run typecheck`).
 * `--if-stale` skips the build when dist/ is newer than every source file: `npm start`
 * uses it, so starting the stack does not rebuild (or disturb) a fresh dist/.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const sources = Math.max(
    newestSource(path.join(root, 'services')),
    newestSource(path.join(root, 'libs')),
    statSync(path.join(root, '.swcrc')).mtimeMs,
  );
  if (statSync(stamp).mtimeMs >= sources) process.exit(0);
}

// Build beside dist/ and swap it in, so that processes starting meanwhile never see half a build.
const next = path.join(root, `dist.${process.pid}`);
const old = path.join(root, `dist.old.${process.pid}`);
rmSync(next, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    require.resolve('@swc/cli/bin/swc.js'),
    'services',
    'libs',
    '-d',
    next,
    '--quiet',
    '--ignore',
    '**/*.spec.ts,**/*.int-spec.ts',
  ],
  { cwd: root, stdio: 'inherit' },
);
writeFileSync(path.join(next, '.build-stamp'), new Date().toISOString() + '\n');
if (existsSync(path.join(root, 'dist'))) renameSync(path.join(root, 'dist'), old);
renameSync(next, path.join(root, 'dist'));
rmSync(old, { recursive: true, force: true });
