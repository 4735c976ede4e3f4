import type { AuditedChange } from './audited-change';

/**
 * Events of SCIM tokens (`org.scim-token.*.v1`). `target`: `{type:'scim-token', id, name}`;
 * `groupPaths` empty. Never its secret (nor its hash).
 */

/** A SCIM token as its events show it: its name and the group it reaches. */
export interface ScimTokenEventView {
  id: string;
  name: string;
  groupId: string;
}

/** `org.scim-token.created.v1`: a directory may call SCIM with it now. */
export interface ScimTokenCreatedEvent extends AuditedChange {
  scimToken: ScimTokenEventView;
}

/** `org.scim-token.revoked.v1`: refused from the next request on. */
export interface ScimTokenRevokedEvent extends AuditedChange {
  scimToken: ScimTokenEventView;
}
