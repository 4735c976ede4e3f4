import { DataSource } from 'typeorm';

/** Asks the database a trivial query; throws its error, or a timeout past `timeoutMs`. */
export async function pingDatabase(dataSource: DataSource, timeoutMs = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      dataSource.query('SELECT 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Up when the service's database answers a trivial query within a second. */
export async function databaseIsUp(dataSource: DataSource): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  try {
    await pingDatabase(dataSource);
    return true;
  } catch {
    return false;
  }
}
