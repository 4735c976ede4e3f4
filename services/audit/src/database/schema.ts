import { AuditLog1797000000000 } from '../migrations/1797000000000-AuditLog';

/**
 * The audit service speaks SQL (through TypeORM's DataSource): its statements lock chain
 * heads and page by keys, which entities would only hide. The migrations are the schema.
 */
export const entities = [];
export const migrations = [AuditLog1797000000000];
