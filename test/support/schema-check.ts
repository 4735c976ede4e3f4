import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase, runMigrationsLocked } from '@app/platform';
import pino from 'pino';
import { Client } from 'pg';
import { PG_ADMIN_URL } from './infra';

type Options = Parameters<typeof dataSourceOptions>[0];

/**
 * Migrates a fresh database with a service's migrations, then asks TypeORM what it would
 * change to match the entities. Anything at all means entities and migrations disagree.
 */
export async function schemaDifference(
  label: string,
  schema: Pick<Options, 'entities' | 'migrations'>,
): Promise<string[]> {
  return withMigratedDatabase(label, schema, async (dataSource) => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    return pending.upQueries.map((query) => query.query);
  });
}

/** A fresh database migrated with a service's migrations, for a whole suite; `drop` it after. */
export async function openMigratedDatabase(
  label: string,
  schema: Pick<Options, 'entities' | 'migrations' | 'poolSize'>,
): Promise<{ dataSource: DataSource; drop(): Promise<void> }> {
  const database = `t_schema_${label}_${Date.now().toString(36)}`;
  const url = `${PG_ADMIN_URL}/${database}`;
  await ensureDatabase(url, pino({ level: 'silent' }));
  const dataSource = new DataSource(dataSourceOptions({ url, ...schema }));
  const drop = async () => {
    await dataSource.destroy().catch(() => undefined);
    const admin = new Client({ connectionString: `${PG_ADMIN_URL}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  };
  try {
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
  } catch (err) {
    await drop();
    throw err;
  }
  return { dataSource, drop };
}

/** Runs `use` on a fresh database migrated with a service's migrations, then drops it. */
export async function withMigratedDatabase<T>(
  label: string,
  schema: Pick<Options, 'entities' | 'migrations'>,
  use: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const { dataSource, drop } = await openMigratedDatabase(label, schema);
  try {
    return await use(dataSource);
  } finally {
    await drop();
  }
}
