/**
 * What every event's data says for the audit log (and any other listener), beside its own
 * fields: what the change was made to, as it was named at the time; which groups it touched;
 * and, for an update, each field's value before and after. Never a password, hash or secret:
 * a password set, reset or changed is an event of its own kind, with no values.
 */
export const EVENT_TARGET_TYPES = [
  'technician',
  'group',
  'administrator',
  'organization',
  'service-principal',
  'scim-token',
  'import',
  'account',
  'settings',
] as const;
export type EventTargetType = (typeof EVENT_TARGET_TYPES)[number];

export interface EventTarget {
  type: EventTargetType;
  id: string;
  /** Its name when the change was made: a technician's or administrator's name (or email), a group's name. */
  name: string;
}

export interface FieldChange {
  /** The field's name in the REST API (`name`, `enabled`, `permissions`, `groupIds`, ...). */
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditedChange {
  target: EventTarget;
  /**
   * The `path` of each Technician Group the change is in (`/<top>/<child>/.../<group>/`, the
   * ids from the top of the tree down, as org keeps it): a technician's group (both, for a move), a group's own
   * path (and its old parent's, for a move). An Administrator sees the change when one of
   * these is in a group it manages; empty for organization-wide changes (settings, service
   * principals, SCIM tokens, administrators, imports), which only Master Administrators see.
   */
  groupPaths: string[];
  /** What changed, for an update; absent when the event's kind says it all (created, deleted). */
  changes?: FieldChange[];
}

/** The CloudEvents `subject` of a change: `technicians/<id>`, `groups/<id>`, `imports/<id>`, ... */
export function eventSubject(target: Pick<EventTarget, 'type' | 'id'>): string {
  return target.type === 'settings' ? `settings/${target.id}` : `${target.type}s/${target.id}`;
}
