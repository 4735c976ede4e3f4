import type { TechnicianView } from '../technicians/technician';
import type { Permission } from '../permissions';

/**
 * Events of the technician lifecycle, published on the topic exchange
 * `<QUEUE_PREFIX>.events` with their pattern as routing key, persistent, at least once, as
 * CloudEvents (see `cloud-event.ts`: id, time, subject and organization are attributes in
 * the headers; these interfaces are the data, the body). Bind a queue to
 * `org.technician.*.v1` to hear them all.
 */

type PublicTechnician = Omit<TechnicianView, 'mustChangePassword'>;

/** `org.technician.created.v1`: a technician exists now, with its credential. */
export interface TechnicianCreatedEvent {
  technician: PublicTechnician;
}

/** `org.technician.updated.v1`: fields changed (names in `changed`). */
export interface TechnicianUpdatedEvent {
  technician: PublicTechnician;
  changed: string[];
}

/** `org.technician.moved.v1`: to another group, whose permissions it now has. */
export interface TechnicianMovedEvent {
  technicianId: string;
  fromGroupId: string;
  toGroupId: string;
  permissions: Permission[];
}

/** `org.technician.deleted.v1`: gone, its credential revoked. */
export interface TechnicianDeletedEvent {
  technicianId: string;
}
