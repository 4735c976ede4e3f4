import type { PasswordPolicy } from '../settings/password-policy';
import type { SsoMode, SsoProtocol } from '../sso/sso-settings';
import type { AuditedChange } from './audited-change';

/** The target of an event about the password policy. */
export const PASSWORD_POLICY_TARGET = {
  type: 'settings',
  id: 'password-policy',
  name: 'Password policy',
} as const;

/** The target of an event about the Single Sign-On settings. */
export const SSO_SETTINGS_TARGET = {
  type: 'settings',
  id: 'sso',
  name: 'Single Sign-On',
} as const;

/**
 * `identity.password-policy.updated.v1`: the organization's password policy was saved;
 * `changes` holds each field that changed, before and after (empty when it was saved unchanged).
 */
export interface PasswordPolicyUpdatedEvent extends AuditedChange {
  policy: PasswordPolicy;
}

/**
 * `identity.sso-settings.updated.v1`: the organization's Single Sign-On settings were saved;
 * `changes` holds each field that changed. The client secret appears only as
 * `{field:'clientSecret', before:'(set)'|null, after:'(set)'|null}` (a new secret saved
 * over one: both `(set)`), never its value.
 */
export interface SsoSettingsUpdatedEvent extends AuditedChange {
  mode: SsoMode;
  protocol: SsoProtocol | null;
}

/** The target of an event about the audit log's settings. */
export const AUDIT_SETTINGS_TARGET = {
  type: 'settings',
  id: 'audit',
  name: 'Audit log',
} as const;

/**
 * `audit.settings.updated.v1`: the organization's audit settings were saved (published by the
 * audit service itself, which then records it as any other); `changes`: `retentionDays`.
 */
export interface AuditSettingsUpdatedEvent extends AuditedChange {
  retentionDays: number;
}
