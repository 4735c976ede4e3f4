/*
 * Removing what tests made on the machine's Postgres, RabbitMQ and Redis: used by a test run
 * as it ends (test/support/test-env.ts, its own names) and by CI before it tests
 * (scripts/clean-test-leftovers.js, whatever killed runs left).
 */
'use strict';
const amqp = require('amqplib');
const { Client } = require('pg');
const Redis = require('ioredis');

/** Drops each database, closing its connections first. */
async function dropDatabases(pgAdminUrl, names) {
  const pg = new Client({ connectionString: `${pgAdminUrl}/postgres` });
  await pg.connect();
  try {
    for (const name of names) {
      await pg.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    }
  } finally {
    await pg.end();
  }
}

/** Deletes each queue, then each exchange; one missing is no error. */
async function deleteBrokerNames(rabbitmqUrl, { queues, exchanges }) {
  const connection = await amqp.connect(rabbitmqUrl);
  try {
    // A channel each: the broker closes a channel on an error, and the rest must still go.
    for (const name of queues) {
      const channel = await connection.createChannel();
      await channel.deleteQueue(name).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
    for (const name of exchanges) {
      const channel = await connection.createChannel();
      await channel.deleteExchange(name).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
  } finally {
    await connection.close();
  }
}

/** Deletes every key matching the pattern; resolves to how many there were. */
async function deleteRedisKeys(redisUrl, pattern) {
  const redis = new Redis(redisUrl);
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) removed += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

module.exports = { dropDatabases, deleteBrokerNames, deleteRedisKeys };
