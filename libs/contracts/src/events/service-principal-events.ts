import type { ServiceScope } from '../service-principals/service-principal';
import type { AuditedChange } from './audited-change';

/**
 * Events of service principals (`org.service-principal.*.v1`). `target`:
 * `{type:'service-principal', id, name}`; `groupPaths` empty. Never its key.
 */

/** A service principal as its events show it: its name and scopes, not its key. */
export interface ServicePrincipalEventView {
  id: string;
  name: string;
  scopes: ServiceScope[];
}

/** `org.service-principal.created.v1`: another team's service may act as itself now. */
export interface ServicePrincipalCreatedEvent extends AuditedChange {
  servicePrincipal: ServicePrincipalEventView;
}

/** `org.service-principal.disabled.v1`: its messages are refused from now on (`changes`: `enabled`). */
export interface ServicePrincipalDisabledEvent extends AuditedChange {
  servicePrincipal: ServicePrincipalEventView;
}
