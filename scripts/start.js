#!/usr/bin/env node
/*
 * `npm start`: runs the gateway and the four services as separate processes.
 * - forwards SIGTERM/SIGINT to every child and waits for them (SIGKILL after KILL_AFTER_MS);
 * - reports a child that dies and starts it again with a growing delay; a child that
 *   exits with 78 (invalid settings) stops the whole stack, since a restart cannot fix it;
 * - when JWT_SECRET is not set, makes one up for this run (tokens then die with the stack);
 * - once the gateway answers healthy, says where to go (once per run).
 * Logs are JSON for machines; on a terminal (LOG_FORMAT auto or pretty) every line, the
 * services' and its own ("service":"supervisor"), is made readable by terminal-log.js.
 */
'use strict';
/* global AbortSignal */
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync } = require('node:fs');
const path = require('node:path');

const SERVICES = ['identity', 'org', 'import', 'audit', 'gateway'];
const KILL_AFTER_MS = 12_000;
const EXIT_INVALID_SETTINGS = 78;
const LOG_FORMATS = ['auto', 'json', 'pretty'];
const root = path.resolve(__dirname, '..');

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
const env = { ...process.env };

// An empty variable counts as unset, as in the services' settings.
const logFormat = env.LOG_FORMAT || 'auto';
const pretty = logFormat === 'pretty' || (logFormat !== 'json' && process.stdout.isTTY === true);
// Required only when used: a JSON-only deployment never loads pino-pretty.
const terminal = pretty
  ? require('./terminal-log').createTerminalLog({
      colorize: process.stdout.isTTY === true && process.stdout.hasColors(),
      logLevel: env.LOG_LEVEL || 'info',
    })
  : null;

function log(level, msg, extra = {}, stream = process.stdout) {
  const line = {
    level,
    time: new Date().toISOString(),
    service: 'supervisor',
    pid: process.pid,
    msg,
    ...extra,
  };
  stream.write(terminal ? terminal.formatObject(line) : JSON.stringify(line) + '\n');
}

if (!LOG_FORMATS.includes(logFormat)) {
  const problem = `must be one of ${LOG_FORMATS.join(', ')} (got "${logFormat}")`;
  log(
    'fatal',
    `Invalid settings for supervisor: LOG_FORMAT ${problem}`,
    { invalidSettings: [{ setting: 'LOG_FORMAT', problem }] },
    process.stderr,
  );
  process.exit(EXIT_INVALID_SETTINGS);
}
if (!env.JWT_SECRET) {
  env.JWT_SECRET = randomBytes(48).toString('base64url');
  log(
    'warn',
    'JWT_SECRET is not set: using a random one for this run (set it to keep tokens valid across restarts)',
  );
}

const children = new Map();
let stopping = false;
let readyTimer;

function startChild(name, attempt = 0) {
  const entry = path.join(root, 'dist', 'services', name, 'src', 'main.js');
  const stdio = terminal ? ['inherit', 'pipe', 'pipe'] : 'inherit';
  const child = spawn(process.execPath, [entry], { env, stdio });
  if (terminal) {
    terminal.pipeLines(child.stdout, process.stdout);
    terminal.pipeLines(child.stderr, process.stderr);
  }
  const state = { child, startedAt: Date.now(), attempt };
  children.set(name, state);
  log('info', `started ${name}`, { child: name, childPid: child.pid });
  // 'close' comes after 'exit' once the child's output is read to the end (at once when
  // its output is inherited), so its last lines are shown before what follows its death.
  child.on('close', (code, signal) => {
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
  clearTimeout(readyTimer);
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
    s.child.once('close', () => {
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

// The stack is ready when the gateway's health check answers 200: every service is up and
// the first administrator exists (see docs/OPERATIONS.md). Said once per run, even if a child restarts.
const port = env.PORT || '3000';
const ready = {
  url: `http://localhost:${port}/`,
  docsUrl: `http://localhost:${port}/docs`,
  bootstrapAdminEmail: env.BOOTSTRAP_ADMIN_EMAIL || 'admin@example.com',
};

async function pollHealth() {
  let healthy = false;
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`, {
      signal: AbortSignal.timeout(2000),
    });
    healthy = response.status === 200;
    await response.body?.cancel();
  } catch {
    // Not listening yet, or too slow to answer: ask again.
  }
  if (stopping) return;
  if (!healthy) {
    readyTimer = setTimeout(pollHealth, 1000);
  } else if (terminal) {
    process.stdout.write(terminal.readyBlock(ready));
  } else {
    log('info', 'stack ready', ready);
  }
}

for (const name of SERVICES) startChild(name);
readyTimer = setTimeout(pollHealth, 1000);
