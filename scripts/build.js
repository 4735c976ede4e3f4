#!/usr/bin/env node
/*
 * Compiles services/ and libs/ to dist/ with SWC (type checking is `npm run typecheck`),
 * and the web app (web/) to web/dist with Vite. `--if-stale` skips each build whose output
 * is newer than every one of its source files: `npm start` uses it, so starting the stack
 * does not rebuild (or disturb) a fresh build.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');

const ifStale = process.argv.includes('--if-stale');

function newestSource(dir, pattern = /\.ts$/) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full, pattern));
    else if (pattern.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(stampFile, sources) {
  return ifStale && existsSync(stampFile) && statSync(stampFile).mtimeMs >= sources;
}

function buildServices() {
  const sources = Math.max(
    newestSource(path.join(root, 'services')),
    newestSource(path.join(root, 'libs')),
    statSync(path.join(root, '.swcrc')).mtimeMs,
  );
  if (isFresh(stamp, sources)) return;

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
}

/** The web app: Vite bundles web/src into web/dist (served by the gateway at `/`). */
function buildWeb() {
  const web = path.join(root, 'web');
  const webStamp = path.join(web, 'dist', '.build-stamp');
  const sources = Math.max(
    newestSource(path.join(web, 'src'), /\.(tsx?|json|css|svg)$/),
    newestSource(path.join(web, 'public'), /./),
    ...['index.html', 'vite.config.ts', 'package.json'].map(
      (f) => statSync(path.join(web, f)).mtimeMs,
    ),
  );
  if (isFresh(webStamp, sources)) return;
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: web,
    stdio: 'inherit',
  });
  writeFileSync(webStamp, new Date().toISOString() + '\n');
}

buildServices();
buildWeb();
