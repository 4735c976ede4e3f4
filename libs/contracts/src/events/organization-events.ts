import type { AuditedChange } from './audited-change';

/**
 * `org.organization.created.v1`: an organization exists now, with its first Master
 * Administrator (the bootstrap, channel `system`; `npm run org:create`, channel `cli`).
 * `target`: `{type:'organization', id, name}`; `groupPaths` empty.
 */
export interface OrganizationCreatedEvent extends AuditedChange {
  organization: { id: string; name: string };
  /** Its first Master Administrator. */
  administratorId: string;
}
