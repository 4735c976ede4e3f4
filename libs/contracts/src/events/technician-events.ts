import type { TechnicianView } from '../technicians/technician';
import type { Permission } from '../permissions';

/**
 * Events of the technician lifecycle, published on the topic exchange
 * `<QUEUE_PREFIX>.events` with their pattern as routing key, persistent, at least once
 * (deduplicate on `eventId`). Bind a queue to `org.technician.*.v1` to hear them all.
 */
interface EventEnvelope {
  /** Unique per event: the same event delivered twice has the same id. */
  eventId: string;
  occurredAt: string;
  organizationId: string;
}

type PublicTechnician = Omit<TechnicianView, 'mustChangePassword'>;

/** `org.technician.created.v1`: a technician exists now, with its credential. */
export interface TechnicianCreatedEvent extends EventEnvelope {
  technician: PublicTechnician;
}

/** `org.technician.updated.v1`: fields changed (names in `changed`). */
export interface TechnicianUpdatedEvent extends EventEnvelope {
  technician: PublicTechnician;
  changed: string[];
}

/** `org.technician.moved.v1`: to another group, whose permissions it now has. */
export interface TechnicianMovedEvent extends EventEnvelope {
  technicianId: string;
  fromGroupId: string;
  toGroupId: string;
  permissions: Permission[];
}

/** `org.technician.deleted.v1`: gone, its credential revoked. */
export interface TechnicianDeletedEvent extends EventEnvelope {
  technicianId: string;
}
