#!/usr/bin/env node
/*
 * npm run bench: builds the services (when stale), compiles bench/ with the test support
 * code it shares with the suites into dist-bench/ (SWC, as the build), and runs it.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { copyFileSync, mkdirSync, rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist-bench');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });

run([path.join(__dirname, 'build.js'), '--if-stale']);
rmSync(out, { recursive: true, force: true });
run([
  require.resolve('@swc/cli/bin/swc.js'),
  'bench',
  'test/support',
  'libs',
  'services',
  '-d',
  out,
  '--quiet',
  '--ignore',
  '**/*.spec.ts,**/*.int-spec.ts',
]);
// The suites' clean-up, plain JavaScript that CI's own script shares (test/support/test-env.ts).
mkdirSync(path.join(out, 'scripts'), { recursive: true });
copyFileSync(
  path.join(__dirname, 'test-resources.js'),
  path.join(out, 'scripts/test-resources.js'),
);
try {
  run([path.join(out, 'bench/run.js')]);
} catch {
  process.exit(1);
}
