import { Client } from 'pg';
import type { Logger } from 'pino';
import {
  pinoDependencyLogger,
  unreachableDependencyLog,
} from '../dependencies/unreachable-dependency-log';

/**
 * Creates the service's database when it does not exist yet, waiting for Postgres to
 * answer first (a service that starts before its database keeps trying, and says so at
 * most every 10 s: see UnreachableDependencyLog).
 */
export async function ensureDatabase(
  url: string,
  logger: Logger,
  options: { attempts?: number } = {},
): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const attempts = options.attempts ?? Number.POSITIVE_INFINITY;
  const unreachable = unreachableDependencyLog('postgres', url);
  const dependencyLogger = pinoDependencyLogger(logger);

  for (let attempt = 1; ; attempt++) {
    const client = new Client({
      connectionString: maintenance.toString(),
      connectionTimeoutMillis: 5000,
    });
    try {
      await client.connect();
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) {
        await client
          .query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
          .catch((err: { code?: string }) => {
            // Another replica created it first.
            if (err.code !== '42P04' && err.code !== '23505') throw err;
          });
        logger.info(`created database ${database}`);
      }
      unreachable.answered(dependencyLogger);
      return;
    } catch (err) {
      if (attempt >= attempts) throw err;
      unreachable.failed(err, dependencyLogger);
      const delay = Math.min(500 * attempt, 5000);
      await new Promise((resolve) => setTimeout(resolve, delay));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
