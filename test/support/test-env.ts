import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  auditEventsQueueName,
  commandQueueName,
  deadLetterExchangeName,
  deadLetterQueueName,
  eventsExchangeName,
  LANES,
  ServiceNames,
} from '@app/contracts';
import { deleteBrokerNames, deleteRedisKeys, dropDatabases } from '../../scripts/test-resources';
import { brokerNames } from './broker-listing';
import { PG_ADMIN_URL, RABBITMQ_URL, REDIS_URL } from './infra';
import { WIRE_RECORD_DIR } from './wire-records';

export interface TestEnv {
  id: string;
  prefix: string;
  port: number;
  databases: { identity: string; org: string; import: string; audit: string };
  /** Environment for the services of this test file. */
  vars: Record<string, string>;
  logDir: string;
  /**
   * What a test declared on the broker under the prefix by names the product does not use:
   * `queues` and `exchanges` by name, and `namespaces` (`<prefix>.client.<team>.`, another
   * team's queues, named by that team) whose queues destroy() finds by listing the broker.
   */
  declared: BrokerDeclarations;
  destroy(): Promise<void>;
}

export interface BrokerDeclarations {
  queues: Set<string>;
  exchanges: Set<string>;
  namespaces: Set<string>;
}

/**
 * Databases, a QUEUE_PREFIX (RabbitMQ names and Redis keys) and a port of a test file's
 * own, so that test files, and two test runs, never see each other's data. The services
 * create the databases on start; destroy() drops them and deletes the keys, and every queue
 * and exchange of the prefix (brokerNamesOf), so that test runs leave the broker as they
 * found it (RabbitMQ stopped answering after some 800 quorum queues had piled up).
 */
export async function createTestEnv(
  label: string,
  overrides: Record<string, string> = {},
): Promise<TestEnv> {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 16);
  const id = `${slug}${randomBytes(4).toString('hex')}`;
  const prefix = `t-${id}`;
  const databases = {
    identity: `t_${id}_identity`,
    org: `t_${id}_org`,
    import: `t_${id}_import`,
    audit: `t_${id}_audit`,
  };
  const port = await freePort();
  const logDir = path.join(os.tmpdir(), 'rac-test-logs', id);
  mkdirSync(logDir, { recursive: true });
  mkdirSync(WIRE_RECORD_DIR, { recursive: true });
  const vars: Record<string, string> = {
    PORT: String(port),
    // The address tests reach it at: Single Sign-On sends browsers back to it.
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    QUEUE_PREFIX: prefix,
    RABBITMQ_URL,
    REDIS_URL,
    IDENTITY_DATABASE_URL: `${PG_ADMIN_URL}/${databases.identity}`,
    ORG_DATABASE_URL: `${PG_ADMIN_URL}/${databases.org}`,
    IMPORT_DATABASE_URL: `${PG_ADMIN_URL}/${databases.import}`,
    AUDIT_DATABASE_URL: `${PG_ADMIN_URL}/${databases.audit}`,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    BOOTSTRAP_ADMIN_EMAIL: `admin@${id}.example.com`,
    BOOTSTRAP_ADMIN_PASSWORD: 'Bootstrap-Pass-42',
    LOG_LEVEL: 'info',
    RPC_TIMEOUT_MS: '5000',
    // Every request of a test comes from 127.0.0.1: only the tests of the limit itself lower this.
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000',
    // Suites send tens of thousands of requests from one token and one address; the gateway's
    // rate limits have their own suite (rate-limit.e2e-spec.ts), which lowers them.
    RATE_LIMIT_PER_TOKEN: '1000000',
    RATE_LIMIT_PER_SCIM_TOKEN: '1000000',
    RATE_LIMIT_PER_ADDRESS: '1000000',
    WIRE_RECORD_DIR,
    ...overrides,
  };
  const declared: BrokerDeclarations = {
    queues: new Set(),
    exchanges: new Set(),
    namespaces: new Set(),
  };
  return {
    id,
    prefix,
    port,
    databases,
    vars,
    logDir,
    declared,
    destroy: () => destroyEnv(prefix, Object.values(databases), declared),
  };
}

/**
 * Every queue and exchange of a prefix: those the product declares (each service's command
 * queue of each lane and its dead-letter queue, the dead-letter and events exchanges; BullMQ
 * keeps its queues in Redis), those a test declared by name, and, only when a test gave
 * another team a namespace, the queues the broker lists in it.
 */
export async function brokerNamesOf(
  prefix: string,
  declared: BrokerDeclarations,
): Promise<{ queues: string[]; exchanges: string[] }> {
  const commandQueues = ServiceNames.flatMap((service) =>
    LANES.map((lane) => commandQueueName(prefix, service, lane)),
  );
  const queues = [
    ...[...commandQueues, auditEventsQueueName(prefix)].flatMap((queue) => [
      queue,
      deadLetterQueueName(queue),
    ]),
    ...declared.queues,
  ];
  if (declared.namespaces.size > 0) {
    const namespaces = [...declared.namespaces];
    const listed = await brokerNames('queues');
    queues.push(...listed.filter((name) => namespaces.some((space) => name.startsWith(space))));
  }
  return {
    queues: [...new Set(queues)],
    exchanges: [deadLetterExchangeName(prefix), eventsExchangeName(prefix), ...declared.exchanges],
  };
}

async function destroyEnv(
  prefix: string,
  databases: string[],
  declared: BrokerDeclarations,
): Promise<void> {
  await dropDatabases(PG_ADMIN_URL, databases);
  await deleteBrokerNames(RABBITMQ_URL, await brokerNamesOf(prefix, declared));
  await deleteRedisKeys(REDIS_URL, `${prefix}:*`);
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
