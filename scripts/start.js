#!/usr/bin/env node
/*
 * `npm start`: runs the gateway and the three services as separate processes.
 * - forwards SIGTERM/SIGINT to every child and waits for them (SIGKILL after KILL_AFTER_MS);
 * - reports a child that dies and starts it again with a growing delay; a child that
 *   exits with 78 (invalid settings) stops the whole stack, since a restart cannot fix it;
 * - when JWT_SECRET is not set, makes one up for this run (tokens then die with the stack).
 * Its own lines are JSON, like the services' logs, with "service":"supervisor".
 */
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const path = require('node:path');

const SERVICES = ['identity', 'org', 'import', 'gateway'];
const KILL_AFTER_MS = 12_000;
const EXIT_INVALID_SETTINGS = 78;
const root = path.resolve(__dirname, '..');

function log(level, msg, extra = {}) {
  process.stdout.write(
    JSON.stringify({
      level,
      time: new Date().toISOString(),
      service: 'supervisor',
      pid: process.pid,
      msg,
      ...extra,
    }) + '\n',
  );
}

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
const env = { ...process.env };
if (!env.JWT_SECRET) {
  env.JWT_SECRET = randomBytes(48).toString('base64url');
  log(
    'warn',
    'JWT_SECRET is not set: using a random one for this run (set it to keep tokens valid across restarts)',
  );
}

const children = new Map();
let stopping = false;

function startChild(name, attempt = 0) {
  const entry = path.join(root, 'dist', 'services', name, 'src', 'main.js');
  const child = spawn(process.execPath, [entry], { env, stdio: 'inherit' });
  const state = { child, startedAt: Date.now(), attempt };
  children.set(name, state);
  log('info', `started ${name}`, { child: name, childPid: child.pid });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    if (code === EXIT_INVALID_SETTINGS) {
      log('fatal', `${name} refused its settings; stopping the stack`, { child: name, code });
      stop(EXIT_INVALID_SETTINGS);
      return;
    }
    // A child that ran for a minute starts its back-off again from the beginning.
    const next = Date.now() - state.startedAt > 60_000 ? 0 : attempt + 1;
    const delay = Math.min(1000 * 2 ** Math.max(next - 1, 0), 30_000);
    log(
      'error',
      `${name} died (${signal ?? `exit code ${code}`}); starting it again in ${delay} ms`,
      {
        child: name,
        code,
        signal,
      },
    );
    state.restartTimer = setTimeout(() => startChild(name, next), delay);
  });
}

function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  log('info', 'stopping the stack');
  const running = [...children.values()].filter((s) => {
    clearTimeout(s.restartTimer);
    return s.child.exitCode === null && s.child.signalCode === null;
  });
  if (running.length === 0) process.exit(exitCode);
  const killTimer = setTimeout(() => {
    for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  }, KILL_AFTER_MS);
  let left = running.length;
  for (const s of running) {
    s.child.once('exit', () => {
      if (--left === 0) {
        clearTimeout(killTimer);
        log('info', 'stack stopped');
        process.exit(exitCode);
      }
    });
    s.child.kill('SIGTERM');
  }
}

process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
// If whatever started us goes away without a signal (a shell that does not forward one),
// stop rather than leave the stack running unattended.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    log('warn', 'the parent process is gone');
    stop(0);
  }
}, 1000).unref();
for (const name of SERVICES) startChild(name);
