import { IdentityEventPatterns, ImportEventPatterns, OrgEventPatterns } from '../patterns';
import type { EventEntry, PatternsOf } from './catalog-entry';

/**
 * Every event of the contract, by the service that publishes it, with its data's type (the
 * source of the AsyncAPI document's events). Each carries the `AuditedChange` fields (target,
 * groupPaths, changes) the audit log reads.
 */
export const ORG_EVENTS: Record<PatternsOf<typeof OrgEventPatterns>, EventEntry> = {
  [OrgEventPatterns.technicianCreated]: {
    data: 'TechnicianCreatedEvent',
    summary: 'A technician exists now, with its credential.',
  },
  [OrgEventPatterns.technicianUpdated]: {
    data: 'TechnicianUpdatedEvent',
    summary: "A technician's fields changed (names in `changed`).",
  },
  [OrgEventPatterns.technicianMoved]: {
    data: 'TechnicianMovedEvent',
    summary: 'A technician moved to another group, whose permissions it now has.',
  },
  [OrgEventPatterns.technicianDeleted]: {
    data: 'TechnicianDeletedEvent',
    summary: 'A technician is gone, its credential revoked.',
  },
  [OrgEventPatterns.technicianPasswordReset]: {
    data: 'TechnicianPasswordResetEvent',
    summary: "An administrator or a directory set a technician's password (no value).",
  },
  [OrgEventPatterns.groupCreated]: {
    data: 'GroupCreatedEvent',
    summary: 'A Technician Group exists now.',
  },
  [OrgEventPatterns.groupUpdated]: {
    data: 'GroupUpdatedEvent',
    summary: "A group's name, description or permissions changed (before and after in `changes`).",
  },
  [OrgEventPatterns.groupMoved]: {
    data: 'GroupMovedEvent',
    summary: 'A group moved, with its subtree, under another parent.',
  },
  [OrgEventPatterns.groupDeleted]: {
    data: 'GroupDeletedEvent',
    summary: 'An empty Technician Group is gone.',
  },
  [OrgEventPatterns.administratorCreated]: {
    data: 'AdministratorCreatedEvent',
    summary: 'An administrator exists now, with its credential.',
  },
  [OrgEventPatterns.administratorUpdated]: {
    data: 'AdministratorUpdatedEvent',
    summary: "An administrator's role, groups, status, name, email or password changed.",
  },
  [OrgEventPatterns.organizationCreated]: {
    data: 'OrganizationCreatedEvent',
    summary: 'An organization exists now, with its first Master Administrator.',
  },
  [OrgEventPatterns.servicePrincipalCreated]: {
    data: 'ServicePrincipalCreatedEvent',
    summary: 'A service principal exists now (its name and scopes, never its key).',
  },
  [OrgEventPatterns.servicePrincipalDisabled]: {
    data: 'ServicePrincipalDisabledEvent',
    summary: 'A service principal is disabled: its messages are refused from now on.',
  },
  [OrgEventPatterns.scimTokenCreated]: {
    data: 'ScimTokenCreatedEvent',
    summary: 'A SCIM token exists now (its name, never its secret).',
  },
  [OrgEventPatterns.scimTokenRevoked]: {
    data: 'ScimTokenRevokedEvent',
    summary: 'A SCIM token is revoked: refused from the next request on.',
  },
};

export const IDENTITY_EVENTS: Record<PatternsOf<typeof IdentityEventPatterns>, EventEntry> = {};

export const IMPORT_EVENTS: Record<PatternsOf<typeof ImportEventPatterns>, EventEntry> = {
  [ImportEventPatterns.importCompleted]: {
    data: 'ImportCompletedEvent',
    summary: 'Every row of an import has ended.',
  },
};
