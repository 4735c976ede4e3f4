import {
  AuditEventPatterns,
  IdentityEventPatterns,
  ImportEventPatterns,
  OrgEventPatterns,
} from '../patterns';
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

export const IDENTITY_EVENTS: Record<PatternsOf<typeof IdentityEventPatterns>, EventEntry> = {
  [IdentityEventPatterns.signInSucceeded]: {
    data: 'SignInSucceededEvent',
    summary: 'An account signed in, with its password or through its identity provider.',
  },
  [IdentityEventPatterns.signInFailed]: {
    data: 'SignInFailedEvent',
    summary: "A known account's sign-in was refused, with the reason's code (never the password).",
  },
  [IdentityEventPatterns.signInLockedOut]: {
    data: 'SignInLockedOutEvent',
    summary: 'Failed sign-ins locked the account (or the address) out for a while.',
  },
  [IdentityEventPatterns.passwordChanged]: {
    data: 'PasswordChangedEvent',
    summary: 'An account changed its own password (no values).',
  },
  [IdentityEventPatterns.passwordPolicyUpdated]: {
    data: 'PasswordPolicyUpdatedEvent',
    summary: "The organization's password policy was saved; each field changed, before and after.",
  },
  [IdentityEventPatterns.ssoSettingsUpdated]: {
    data: 'SsoSettingsUpdatedEvent',
    summary:
      "The organization's Single Sign-On settings were saved (the client secret only as `(set)`).",
  },
};

export const IMPORT_EVENTS: Record<PatternsOf<typeof ImportEventPatterns>, EventEntry> = {
  [ImportEventPatterns.importStarted]: {
    data: 'ImportStartedEvent',
    summary: 'An administrator uploaded a file; its rows are queued.',
  },
  [ImportEventPatterns.importCompleted]: {
    data: 'ImportCompletedEvent',
    summary: 'Every row of an import has ended.',
  },
  [ImportEventPatterns.importCancelled]: {
    data: 'ImportCancelledEvent',
    summary: 'An administrator cancelled an import; its rows not yet started end as CANCELLED.',
  },
};

export const AUDIT_EVENTS: Record<PatternsOf<typeof AuditEventPatterns>, EventEntry> = {
  [AuditEventPatterns.auditSettingsUpdated]: {
    data: 'AuditSettingsUpdatedEvent',
    summary: "The organization's audit settings (retention) were saved; before and after.",
  },
};
