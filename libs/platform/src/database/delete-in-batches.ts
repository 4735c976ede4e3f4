import type { DataSource } from 'typeorm';

/**
 * Runs a DELETE (or UPDATE) that touches at most `batch` rows (its own LIMIT) until it touches fewer,
 * so that a backlog (after a long outage) never holds one long lock; resolves to how many.
 */
export async function deleteInBatches(
  dataSource: DataSource,
  batch: number,
  statement: string,
  parameters: unknown[],
): Promise<number> {
  let total = 0;
  for (;;) {
    // TypeORM answers a DELETE or UPDATE with [rows, affected].
    const [, deleted]: [unknown, number] = await dataSource.query(statement, parameters);
    total += deleted;
    if (deleted < batch) return total;
  }
}
