import type { TechnicianView } from '../technicians/technician';
import type { Permission } from '../permissions';
import type { AuditedChange } from './audited-change';

/**
 * Events of the technician lifecycle, published on the topic exchange
 * `<QUEUE_PREFIX>.events` with their pattern as routing key, persistent, at least once, as
 * CloudEvents (see `cloud-event.ts`: id, time, subject and organization are attributes in
 * the headers; these interfaces are the data, the body). Bind a queue to
 * `org.technician.*.v1` to hear them all. Each carries the AuditedChange fields: `target`
 * (`{type:'technician', id, name}`), `groupPaths` (the technician's group; both for a move).
 */

type PublicTechnician = Omit<TechnicianView, 'mustChangePassword'>;

/** `org.technician.created.v1`: a technician exists now, with its credential. */
export interface TechnicianCreatedEvent extends AuditedChange {
  technician: PublicTechnician;
}

/**
 * `org.technician.updated.v1`: fields changed (names in `changed`, values before and after in
 * `changes`; enabling or disabling is an `enabled` change).
 */
export interface TechnicianUpdatedEvent extends AuditedChange {
  technician: PublicTechnician;
  changed: string[];
}

/** `org.technician.moved.v1`: to another group, whose permissions it now has (`changes`: `groupId`). */
export interface TechnicianMovedEvent extends AuditedChange {
  technicianId: string;
  fromGroupId: string;
  toGroupId: string;
  permissions: Permission[];
}

/** `org.technician.deleted.v1`: gone, its credential revoked. */
export interface TechnicianDeletedEvent extends AuditedChange {
  technicianId: string;
}

/**
 * `org.technician.password-reset.v1`: an administrator (or a directory) set its password.
 * No value of it, ever: only that it was set.
 */
export interface TechnicianPasswordResetEvent extends AuditedChange {
  technicianId: string;
}
