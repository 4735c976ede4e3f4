#!/usr/bin/env node
/*
 * Runs commands side by side and fails when any of them fails:
 *   node scripts/run-together.js browser='npm run -s test:browser:run' chaos='npm run -s test:chaos:beside'
 * Each line of output is prefixed with its command's name, so that the two logs can be told
 * apart (and grepped apart). `npm test` runs the browser suite beside the chaos suite this
 * way: each has a stack of its own, and neither touches what the other uses (the one chaos
 * scenario that restarts the machine's RabbitMQ runs alone afterwards).
 */
'use strict';
const { spawn } = require('node:child_process');
const readline = require('node:readline');

const commands = process.argv.slice(2).map((argument) => {
  const at = argument.indexOf('=');
  if (at <= 0) throw new Error(`expected name='command', got ${argument}`);
  return { name: argument.slice(0, at), command: argument.slice(at + 1) };
});
const width = Math.max(...commands.map(({ name }) => name.length));

function run({ name, command }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const label = `[${name.padEnd(width)}]`;
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      readline
        .createInterface({ input: stream })
        .on('line', (line) => out.write(`${label} ${line}\n`));
    }
    child.on('close', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      const outcome = code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`;
      process.stdout.write(`${label} ${outcome} in ${seconds} s\n`);
      resolve(code === 0);
    });
  });
}

Promise.all(commands.map(run)).then((results) => {
  process.exitCode = results.every(Boolean) ? 0 : 1;
});
