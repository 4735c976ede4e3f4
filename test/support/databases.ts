import { Client } from 'pg';
import { PG_ADMIN_URL } from './infra';

/** Runs one query against a test database (to check what a service stored). */
export async function queryDatabase<T = Record<string, unknown>>(
  database: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: `${PG_ADMIN_URL}/${database}` });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
