import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import amqp from 'amqplib';
import Redis from 'ioredis';
import { Client } from 'pg';
import { PG_ADMIN_URL, RABBITMQ_URL, REDIS_URL } from './infra';
import { WIRE_RECORD_DIR } from './wire-records';

/** Fails fast, with a line saying what is missing, when the infrastructure or the build is not there. */
export default async function globalSetup(): Promise<void> {
  const problems: string[] = [];
  const pg = new Client({
    connectionString: `${PG_ADMIN_URL}/postgres`,
    connectionTimeoutMillis: 3000,
  });
  await pg
    .connect()
    .then(() => pg.end())
    .catch((err: Error) => problems.push(`Postgres at ${PG_ADMIN_URL}: ${err.message}`));
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  await redis
    .connect()
    .then(() => redis.quit())
    .catch((err: Error) => problems.push(`Redis at ${REDIS_URL}: ${err.message}`));
  await amqp
    .connect(RABBITMQ_URL)
    .then((c) => c.close())
    .catch((err: Error) => problems.push(`RabbitMQ at ${RABBITMQ_URL}: ${err.message}`));
  if (!existsSync(path.join(__dirname, '../../dist/services/gateway/src/main.js'))) {
    problems.push('the services are not built: run `npm run build` (npm test does it)');
  }
  if (problems.length > 0) {
    throw new Error(`Tests need the local infrastructure:\n- ${problems.join('\n- ')}`);
  }
  // This run's messages only (test/wire checks them against the AsyncAPI document).
  rmSync(WIRE_RECORD_DIR, { recursive: true, force: true });
}
