import { ChangePasswordCommand } from '../identity/password-change';
import { CreateCredentialBatchCommand } from '../identity/credential-create-batch';
import { CreateCredentialCommand } from '../identity/credential-create';
import { GetCredentialStatusQuery } from '../identity/credential-status-get';
import { LoginCommand } from '../identity/login';
import {
  CompleteSsoCommand,
  DiscoverSignInQuery,
  FinishSsoCommand,
  GetSamlMetadataQuery,
  StartSsoCommand,
} from '../sso/sso-flow';
import { GetSsoSettingsQuery, SetSsoSettingsCommand } from '../sso/sso-settings';
import { ComparePasswordsQuery } from '../identity/password-compare';
import { CompareWithDigestsQuery, DigestPasswordsQuery } from '../identity/password-digest';
import { RetireSealingKeyCommand } from '../identity/sealing-key-get';
import { RevokeCredentialCommand } from '../identity/credential-revoke';
import { SetPasswordCommand } from '../identity/credential-password-set';
import { ListAuditEventsQuery } from '../audit/audit-events';
import { GetAuditSettingsQuery, SetAuditSettingsCommand } from '../audit/audit-settings';
import {
  AuditPatterns,
  EventPatterns,
  ImportPatterns,
  IdentityPatterns,
  OrgPatterns,
} from '../patterns';
import {
  CheckPasswordQuery,
  GetPasswordPolicyQuery,
  SetPasswordPolicyCommand,
} from '../settings/password-policy';
import { CommandEntry, EventEntry, health, PatternsOf } from './catalog-entry';
import { IMPORT_COMMANDS } from './import-messages';
import { ORG_COMMANDS } from './org-messages';
import { AUDIT_EVENTS, IDENTITY_EVENTS, IMPORT_EVENTS, ORG_EVENTS } from './event-entries';

export type { CommandEntry, EventEntry } from './catalog-entry';

type CommandPattern =
  | PatternsOf<typeof IdentityPatterns>
  | PatternsOf<typeof OrgPatterns>
  | PatternsOf<typeof ImportPatterns>
  | PatternsOf<typeof AuditPatterns>;
type EventPattern = PatternsOf<typeof EventPatterns>;

/**
 * Every message of the contract, with what it carries: the source of the AsyncAPI document
 * (`docs/asyncapi.json`, built by `libs/contracts/asyncapi/`). A pattern missing here does
 * not compile, and a test compares each handler's payload class with `request`.
 */
export const COMMAND_CATALOG: Record<CommandPattern, CommandEntry> = {
  // identity
  [IdentityPatterns.health]: health('identity'),
  [IdentityPatterns.sealingKeyGet]: {
    reply: 'SealingKeyReply',
    summary: 'The public key to seal passwords to (HPKE), its key id and the suite.',
    audience: 'public',
  },
  [IdentityPatterns.sealingKeyRotate]: {
    reply: 'SealingKeyReply',
    summary: 'A new sealing key becomes current; the older ones open until retired.',
    audience: 'operator',
  },
  [IdentityPatterns.sealingKeyRetire]: {
    request: RetireSealingKeyCommand,
    reply: 'SealingKeyReply',
    summary: 'Boxes sealed to this key are refused from now on (SEALING_KEY_UNKNOWN).',
    audience: 'operator',
  },
  [IdentityPatterns.login]: {
    request: LoginCommand,
    reply: 'LoginReply',
    summary: 'Signs an account in with a sealed password; answers an access token.',
    audience: 'public',
    internalFields: ['clientAddress'],
    emits: [
      EventPatterns.signInSucceeded,
      EventPatterns.signInFailed,
      EventPatterns.signInLockedOut,
    ],
  },
  [IdentityPatterns.credentialCreate]: {
    request: CreateCredentialCommand,
    reply: 'CreateCredentialReply',
    summary: "Stores an account's password (argon2id), checked against the policy.",
    audience: 'internal',
  },
  [IdentityPatterns.credentialCreateBatch]: {
    request: CreateCredentialBatchCommand,
    reply: 'CreateCredentialBatchReply',
    summary: 'Up to 100 credentials at once; each item its own result.',
    audience: 'internal',
  },
  [IdentityPatterns.credentialRevoke]: {
    request: RevokeCredentialCommand,
    reply: 'RevokeCredentialReply',
    summary: "Removes an account's credential: it cannot sign in any more.",
    audience: 'internal',
  },
  [IdentityPatterns.credentialStatusGet]: {
    request: GetCredentialStatusQuery,
    reply: 'CredentialStatusReply',
    summary: 'Whether an account has a credential and must change its password.',
    audience: 'internal',
  },
  [IdentityPatterns.credentialPasswordSet]: {
    request: SetPasswordCommand,
    reply: 'SetPasswordReply',
    summary: "Sets an account's password (sealed), checked against the policy.",
    audience: 'internal',
  },
  [IdentityPatterns.passwordChange]: {
    request: ChangePasswordCommand,
    reply: 'ChangePasswordReply',
    summary: 'An account changes its own password, proving the current one.',
    audience: 'internal',
    emits: [EventPatterns.passwordChanged],
  },
  [IdentityPatterns.passwordCheck]: {
    request: CheckPasswordQuery,
    reply: 'CheckPasswordReply',
    summary: "The policy rules a sealed password breaks, in the organization's policy.",
    audience: 'internal',
  },
  [IdentityPatterns.passwordCompare]: {
    request: ComparePasswordsQuery,
    reply: 'ComparePasswordsReply',
    summary: 'Whether two sealed passwords are the same.',
    audience: 'internal',
  },
  [IdentityPatterns.passwordDigest]: {
    request: DigestPasswordsQuery,
    reply: 'DigestPasswordsReply',
    summary: "Keyed digests of sealed passwords (identity's secret, salted), in order.",
    audience: 'internal',
  },
  [IdentityPatterns.passwordDigestCompare]: {
    request: CompareWithDigestsQuery,
    reply: 'CompareWithDigestsReply',
    summary: 'Whether each sealed password is the one its digest was made of.',
    audience: 'internal',
  },
  [IdentityPatterns.passwordPolicyGet]: {
    request: GetPasswordPolicyQuery,
    reply: 'PasswordPolicy',
    summary: "An organization's password policy.",
    audience: 'internal',
  },
  [IdentityPatterns.passwordPolicySet]: {
    request: SetPasswordPolicyCommand,
    reply: 'PasswordPolicy',
    summary: "Replaces an organization's password policy.",
    audience: 'internal',
    emits: [EventPatterns.passwordPolicyUpdated],
  },
  [IdentityPatterns.ssoSettingsGet]: {
    request: GetSsoSettingsQuery,
    reply: 'SsoSettings',
    summary: "An organization's Single Sign-On settings (never the client secret).",
    audience: 'internal',
  },
  [IdentityPatterns.ssoSettingsSet]: {
    request: SetSsoSettingsCommand,
    reply: 'SsoSettings',
    summary: "Replaces an organization's Single Sign-On settings.",
    audience: 'internal',
    emits: [EventPatterns.ssoSettingsUpdated],
  },
  [IdentityPatterns.ssoDiscover]: {
    request: DiscoverSignInQuery,
    reply: 'DiscoverSignInReply',
    summary: "How an email signs in: with a password or through its organization's provider.",
    audience: 'internal',
  },
  [IdentityPatterns.ssoStart]: {
    request: StartSsoCommand,
    reply: 'StartSsoReply',
    summary: "Begins a sign-in (or a Test sign-in) through the organization's provider.",
    audience: 'internal',
  },
  [IdentityPatterns.ssoFinish]: {
    request: FinishSsoCommand,
    reply: 'FinishSsoReply',
    summary: "Checks the provider's answer; the outcome waits for the browser that began.",
    audience: 'internal',
  },
  [IdentityPatterns.ssoComplete]: {
    request: CompleteSsoCommand,
    reply: 'CompleteSsoReply',
    summary: 'Hands a Single Sign-On outcome (an access token) to the browser that began it.',
    audience: 'internal',
    emits: [EventPatterns.signInSucceeded],
  },
  [IdentityPatterns.samlMetadataGet]: {
    request: GetSamlMetadataQuery,
    reply: 'SamlMetadataReply',
    summary: "The organization's SAML service provider metadata.",
    audience: 'internal',
  },

  // org
  ...ORG_COMMANDS,

  // import
  ...IMPORT_COMMANDS,

  // audit
  [AuditPatterns.health]: health('audit'),
  [AuditPatterns.eventsList]: {
    request: ListAuditEventsQuery,
    reply: 'AuditEntryPage',
    summary:
      "The organization's audit log the actor may see, newest first, filtered, in keyset pages.",
    audience: 'internal',
  },
  [AuditPatterns.settingsGet]: {
    request: GetAuditSettingsQuery,
    reply: 'AuditSettings',
    summary: "The organization's audit settings (retention).",
    audience: 'internal',
  },
  [AuditPatterns.settingsSet]: {
    request: SetAuditSettingsCommand,
    reply: 'AuditSettings',
    summary: "Sets the organization's audit settings (Master Administrators).",
    audience: 'internal',
    emits: [EventPatterns.auditSettingsUpdated],
  },
};

export const EVENT_CATALOG: Record<EventPattern, EventEntry> = {
  ...ORG_EVENTS,
  ...IDENTITY_EVENTS,
  ...IMPORT_EVENTS,
  ...AUDIT_EVENTS,
};
