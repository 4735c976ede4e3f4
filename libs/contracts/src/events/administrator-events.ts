import type { AdministratorRole } from '../administrators/administrator';
import type { AuditedChange } from './audited-change';

/**
 * Events of administrators (`org.administrator.*.v1`). `target`:
 * `{type:'administrator', id, name}`; `groupPaths` empty (only Master Administrators manage
 * administrators). Org never deletes an administrator (it is disabled), so there is no
 * deleted event.
 */

/** An administrator as its events show it (never a password). */
export interface AdministratorEventView {
  id: string;
  name: string;
  email: string;
  ssoId: string | null;
  role: AdministratorRole;
  groupIds: string[];
  enabled: boolean;
}

/** `org.administrator.created.v1`: an administrator exists now, with its credential. */
export interface AdministratorCreatedEvent extends AuditedChange {
  administrator: AdministratorEventView;
}

/**
 * `org.administrator.updated.v1`: role, groups (`groupIds`), status (`enabled`), name, email
 * or SSO ID changed, before and after in `changes`. A password set by a Master
 * Administrator is the change `{field:'password', before:null, after:'(set)'}`, no value.
 */
export interface AdministratorUpdatedEvent extends AuditedChange {
  administrator: AdministratorEventView;
}
