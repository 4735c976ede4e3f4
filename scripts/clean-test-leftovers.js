#!/usr/bin/env node
/*
 * What test runs that were killed left behind, removed before CI tests: their databases
 * (t_<label><id>_<service>), queues and exchanges (t-<label><id>.…) and Redis keys
 * (t-<label><id>:…). A finished run removes its own (test/support/test-env.ts); a killed one
 * cannot, and hundreds of queues left over made RabbitMQ slow, then silent (issue 25).
 * CI only: it assumes that no other test run is going on this machine (two at once slow each
 * other past their timeouts anyway) and that nothing but tests uses t-/t_ names. A queue
 * with a consumer is left alone all the same.
 */
'use strict';
const { execFileSync } = require('node:child_process');
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

async function cleanBroker() {
  const queues = listed('queues', ['name', 'consumers'])
    .filter(([name, consumers]) => name.startsWith('t-') && consumers === '0')
    .map(([name]) => name);
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
  const broker = await cleanBroker();
  const databases = await cleanDatabases();
  const keys = await deleteRedisKeys(REDIS_URL, 't-*');
  process.stdout.write(
    `CI: left over by earlier test runs and removed: ${databases} databases, ` +
      `${broker.queues} queues, ${broker.exchanges} exchanges, ${keys} Redis keys\n`,
  );
}

main().catch((error) => {
  // Not a reason to stop CI: the tests make names of their own and may still pass.
  process.stderr.write(`CI: could not remove what earlier test runs left: ${error.message}\n`);
});
