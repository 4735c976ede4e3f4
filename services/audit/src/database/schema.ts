import { OutboxEvent } from '@app/platform';
import { AuditLog1797000000000 } from '../migrations/1797000000000-AuditLog';
import { AuditOutbox1797000000001 } from '../migrations/1797000000001-AuditOutbox';

/**
 * The audit service speaks SQL (through TypeORM's DataSource): its statements lock chain
 * heads and page by keys, which entities would only hide. The migrations are the schema; the
 * one entity is the platform's outbox, for the events of its own settings.
 */
export const entities = [OutboxEvent];
export const migrations = [AuditLog1797000000000, AuditOutbox1797000000001];
