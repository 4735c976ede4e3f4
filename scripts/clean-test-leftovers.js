#!/usr/bin/env node
/*
 * What test runs that were killed left behind, removed before CI tests: their service
 * processes (a killed runner's children run on, consuming their queues), databases
 * (t_<label><id>_<service>), queues and exchanges (t-<label><id>.…) and Redis keys
 * (t-<label><id>:…). A finished run removes its own (test/support/test-env.ts); a killed one
 * cannot, and hundreds of queues left over made RabbitMQ slow, then silent (issue 25).
 * CI only: it assumes that no other test run is going on this machine (two at once slow each
 * other past their timeouts anyway) and that nothing but tests uses t-/t_ names. A queue
 * with a consumer is left alone all the same.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { readdirSync, readFileSync } = require('node:fs');
const { Client } = require('pg');
const { deleteBrokerNames, deleteRedisKeys, dropDatabases } = require('./test-resources');

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** `rabbitmqctl list_<what>` as rows of tab-separated columns (one call: each costs seconds). */
function listed(what, columns) {
  const out = execFileSync(
    'rabbitmqctl',
    ['list_' + what, ...columns, '--quiet', '--no-table-headers'],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
}

/** The service processes of test stacks (dist/services/<name>/src/main.js with a t- QUEUE_PREFIX). */
function testServiceProcesses() {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        return (
          command.some((arg) =>
            /[\\/]dist[\\/]services[\\/][\w-]+[\\/]src[\\/]main\.js$/.test(arg),
          ) && environment.some((variable) => variable.startsWith('QUEUE_PREFIX=t-'))
        );
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    })
    .map(Number);
}

/** Stops them (no test run is going on: see above), so that their queues can go too. */
async function stopTestServices() {
  const pids = testServiceProcesses();
  const signal = (pid, name) => {
    try {
      process.kill(pid, name);
    } catch {
      // exited meanwhile
    }
  };
  pids.forEach((pid) => signal(pid, 'SIGTERM'));
  for (let waited = 0; waited < 5_000 && testServiceProcesses().length > 0; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  testServiceProcesses().forEach((pid) => signal(pid, 'SIGKILL'));
  return pids.length;
}

/** The tests' queues, as [name, consumers]. */
const testQueues = () =>
  listed('queues', ['name', 'consumers']).filter(([name]) => name.startsWith('t-'));

async function cleanBroker(servicesStopped) {
  let queued = testQueues();
  // The broker sees a stopped service's consumers go a moment after the process has exited.
  for (let round = 0; servicesStopped && round < 10; round++) {
    if (queued.every(([, consumers]) => consumers === '0')) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
    queued = testQueues();
  }
  const queues = queued.filter(([, consumers]) => consumers === '0').map(([name]) => name);
  const exchanges = listed('exchanges', ['name'])
    .map(([name]) => name)
    .filter((name) => name.startsWith('t-'));
  await deleteBrokerNames(RABBITMQ_URL, { queues, exchanges });
  return { queues: queues.length, exchanges: exchanges.length };
}

async function cleanDatabases() {
  const pg = new Client({ connectionString: `${PG_ADMIN_URL}/postgres` });
  await pg.connect();
  let names;
  try {
    const { rows } = await pg.query("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'");
    names = rows.map(({ datname }) => datname);
  } finally {
    await pg.end();
  }
  await dropDatabases(PG_ADMIN_URL, names);
  return names.length;
}

async function main() {
  const processes = await stopTestServices();
  const broker = await cleanBroker(processes > 0);
  const databases = await cleanDatabases();
  const keys = await deleteRedisKeys(REDIS_URL, 't-*');
  process.stdout.write(
    `CI: left over by earlier test runs and removed: ${processes} service processes, ${databases} databases, ` +
      `${broker.queues} queues, ${broker.exchanges} exchanges, ${keys} Redis keys\n`,
  );
}

main().catch((error) => {
  // Not a reason to stop CI: the tests make names of their own and may still pass.
  process.stderr.write(`CI: could not remove what earlier test runs left: ${error.message}\n`);
});
