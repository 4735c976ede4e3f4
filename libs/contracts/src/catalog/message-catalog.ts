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
import {
  CreateAdministratorCommand,
  ListAdministratorsQuery,
  RestoreMasterAdministratorCommand,
  UpdateAdministratorCommand,
} from '../administrators/administrator';
import {
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupQuery,
  GetGroupTreeQuery,
  ListGroupChildrenQuery,
  UpdateGroupCommand,
} from '../groups/group';
import {
  CancelImportCommand,
  GetImportQuery,
  GetImportReportQuery,
  GetImportTemplateQuery,
  ListImportItemsQuery,
  ListImportsQuery,
  UploadImportCommand,
} from '../imports/import';
import { LookupAccountBySsoIdQuery, LookupAccountQuery } from '../org/account-lookup';
import { AuthorizeQuery } from '../org/authorize';
import { SettleIdempotencyKeyCommand } from '../org/idempotency-key-settle';
import { GetProfileQuery } from '../org/profile-get';
import { EndSessionsCommand } from '../org/sessions-end';
import { SignOutCommand } from '../org/sign-out';
import { CreateOrganizationCommand } from '../organizations/organization-create';
import { EventPatterns, ImportPatterns, IdentityPatterns, OrgPatterns } from '../patterns';
import {
  CheckPasswordQuery,
  GetPasswordPolicyQuery,
  SetPasswordPolicyCommand,
} from '../settings/password-policy';
import {
  CreateServicePrincipalCommand,
  DisableServicePrincipalCommand,
  ListServicePrincipalsQuery,
  ServiceScope,
} from '../service-principals/service-principal';
import {
  CreateScimTokenCommand,
  ListScimTokensQuery,
  RevokeScimTokenCommand,
  VerifyScimTokenQuery,
} from '../scim/scim-token';
import { CreateTechnicianBatchCommand } from '../technicians/technician-batch';
import {
  CreateTechnicianCommand,
  DeleteTechnicianCommand,
  GetTechnicianQuery,
  ListTechniciansQuery,
  MoveTechnicianCommand,
  SetTechnicianPasswordCommand,
  UpdateTechnicianCommand,
} from '../technicians/technician';

/**
 * Every message of the contract, with what it carries: the source of the AsyncAPI document
 * (`docs/asyncapi.json`, built by `libs/contracts/asyncapi/`). A pattern missing here does
 * not compile, and a test compares each handler's payload class with `request`.
 */
export interface CommandEntry {
  /** The payload class (its class-validator rules are the schema); none: `{}`. */
  request?: new () => object;
  /** The reply's type, by its exported name in @app/contracts (`reply-types.ts` names the generic ones). */
  reply: string;
  summary: string;
  /** `public`: meant for other teams' services; `internal`: between our own services. */
  audience: 'public' | 'internal' | 'operator';
  /** The scope a service principal acting as itself needs; none: service principals may not. */
  scope?: ServiceScope;
  /**
   * Fields only this product's own services may set (the gateway states a sign-in's client
   * address); another team's message that carries one is refused with FORBIDDEN.
   */
  internalFields?: string[];
}

export interface EventEntry {
  /** The data's type, by its exported name in @app/contracts. */
  data: string;
  summary: string;
}

type PatternsOf<T> = T[keyof T];
type CommandPattern =
  | PatternsOf<typeof IdentityPatterns>
  | PatternsOf<typeof OrgPatterns>
  | PatternsOf<typeof ImportPatterns>;
type EventPattern = PatternsOf<typeof EventPatterns>;

const health = (service: string): CommandEntry => ({
  reply: 'HealthReport',
  summary: `Whether ${service} and its dependencies answer.`,
  audience: 'operator',
});

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
  },
  [IdentityPatterns.samlMetadataGet]: {
    request: GetSamlMetadataQuery,
    reply: 'SamlMetadataReply',
    summary: "The organization's SAML service provider metadata.",
    audience: 'internal',
  },

  // org
  [OrgPatterns.health]: health('org'),
  [OrgPatterns.accountLookup]: {
    request: LookupAccountQuery,
    reply: 'AccountStandingReply',
    summary: 'The account of an email and whether it may sign in.',
    audience: 'internal',
  },
  [OrgPatterns.accountLookupBySsoId]: {
    request: LookupAccountBySsoIdQuery,
    reply: 'AccountStandingReply',
    summary: "The account of an organization's Single Sign-On ID and whether it may sign in.",
    audience: 'internal',
  },
  [OrgPatterns.profileGet]: {
    request: GetProfileQuery,
    reply: 'ProfileReply',
    summary: "The acting account's profile.",
    audience: 'internal',
  },
  [OrgPatterns.sessionsEnd]: {
    request: EndSessionsCommand,
    reply: 'EmptyReply',
    summary: "Ends an account's sessions: its tokens stop working.",
    audience: 'internal',
  },
  [OrgPatterns.signOut]: {
    request: SignOutCommand,
    reply: 'EmptyReply',
    summary: 'Ends the session of one token (sign-out): it is refused everywhere from then on.',
    audience: 'internal',
  },
  [OrgPatterns.authorize]: {
    request: AuthorizeQuery,
    reply: 'AuthorizeReply',
    summary: 'Whether the actor may do an action (FORBIDDEN otherwise).',
    audience: 'internal',
  },
  [OrgPatterns.organizationCreate]: {
    request: CreateOrganizationCommand,
    reply: 'CreateOrganizationReply',
    summary: 'An organization and its Master Administrator (the org:create command).',
    audience: 'operator',
  },
  [OrgPatterns.groupTreeGet]: {
    request: GetGroupTreeQuery,
    reply: 'GroupTreeReply',
    summary: 'The whole Organization Tree the actor may see.',
    audience: 'public',
    scope: 'groups:read',
  },
  [OrgPatterns.groupChildrenList]: {
    request: ListGroupChildrenQuery,
    reply: 'GroupSummaryPage',
    summary: 'One level of the tree: the root groups, or the children of a group.',
    audience: 'public',
    scope: 'groups:read',
  },
  [OrgPatterns.groupCreate]: {
    request: CreateGroupCommand,
    reply: 'GroupView',
    summary: 'Creates a Technician Group.',
    audience: 'public',
  },
  [OrgPatterns.groupGet]: {
    request: GetGroupQuery,
    reply: 'GroupView',
    summary: 'A Technician Group.',
    audience: 'public',
    scope: 'groups:read',
  },
  [OrgPatterns.groupUpdate]: {
    request: UpdateGroupCommand,
    reply: 'GroupView',
    summary: 'Renames, re-permissions or moves a Technician Group.',
    audience: 'public',
  },
  [OrgPatterns.groupDelete]: {
    request: DeleteGroupCommand,
    reply: 'DeletedReply',
    summary: 'Deletes an empty Technician Group (GROUP_NOT_EMPTY otherwise).',
    audience: 'public',
  },
  [OrgPatterns.technicianCreate]: {
    request: CreateTechnicianCommand,
    reply: 'TechnicianView',
    summary: 'Creates a technician in a group, with a sealed password. Idempotent by key.',
    audience: 'public',
    scope: 'technicians:create',
  },
  [OrgPatterns.technicianCreateBatch]: {
    request: CreateTechnicianBatchCommand,
    reply: 'CreateTechnicianBatchReply',
    summary: 'Up to 100 technicians at once; each item its own result and key.',
    audience: 'public',
    scope: 'technicians:create',
  },
  [OrgPatterns.idempotencyKeySettle]: {
    request: SettleIdempotencyKeyCommand,
    reply: 'SettleIdempotencyKeyReply',
    summary: "A command's outcome by its idempotency key, or abandons one that never ran.",
    audience: 'internal',
  },
  [OrgPatterns.technicianGet]: {
    request: GetTechnicianQuery,
    reply: 'TechnicianView',
    summary: 'A technician.',
    audience: 'public',
    scope: 'technicians:read',
  },
  [OrgPatterns.technicianUpdate]: {
    request: UpdateTechnicianCommand,
    reply: 'TechnicianView',
    summary: "Changes a technician's fields.",
    audience: 'public',
  },
  [OrgPatterns.technicianDelete]: {
    request: DeleteTechnicianCommand,
    reply: 'DeletedReply',
    summary: 'Deletes a technician and revokes its credential.',
    audience: 'public',
  },
  [OrgPatterns.technicianMove]: {
    request: MoveTechnicianCommand,
    reply: 'TechnicianView',
    summary: 'Moves a technician to another group, whose permissions it takes.',
    audience: 'public',
  },
  [OrgPatterns.technicianPasswordSet]: {
    request: SetTechnicianPasswordCommand,
    reply: 'SetPasswordReply',
    summary: "Sets a technician's password (sealed).",
    audience: 'public',
  },
  [OrgPatterns.technicianList]: {
    request: ListTechniciansQuery,
    reply: 'TechnicianPage',
    summary: 'Technicians of a group or of the organization, searched and paged.',
    audience: 'public',
    scope: 'technicians:read',
  },
  [OrgPatterns.administratorCreate]: {
    request: CreateAdministratorCommand,
    reply: 'AdministratorView',
    summary: 'Creates an administrator.',
    audience: 'internal',
  },
  [OrgPatterns.administratorUpdate]: {
    request: UpdateAdministratorCommand,
    reply: 'AdministratorView',
    summary: "Changes an administrator's role, groups or status.",
    audience: 'internal',
  },
  [OrgPatterns.administratorList]: {
    request: ListAdministratorsQuery,
    reply: 'AdministratorPage',
    summary: 'Administrators of the organization, paged.',
    audience: 'internal',
  },
  [OrgPatterns.administratorRestoreMaster]: {
    request: RestoreMasterAdministratorCommand,
    reply: 'AdministratorView',
    summary: 'Makes an administrator the Master Administrator of an organization left with none.',
    audience: 'operator',
  },

  [OrgPatterns.servicePrincipalCreate]: {
    request: CreateServicePrincipalCommand,
    reply: 'ServicePrincipalView',
    summary:
      'A service principal: another service acting as itself, with scopes (Master Administrator).',
    audience: 'public',
  },
  [OrgPatterns.servicePrincipalList]: {
    request: ListServicePrincipalsQuery,
    reply: 'ServicePrincipalList',
    summary: "The organization's service principals (Master Administrator).",
    audience: 'public',
  },
  [OrgPatterns.servicePrincipalDisable]: {
    request: DisableServicePrincipalCommand,
    reply: 'ServicePrincipalView',
    summary: 'Disables a service principal: its messages are refused from now on.',
    audience: 'public',
  },
  [OrgPatterns.scimTokenCreate]: {
    request: CreateScimTokenCommand,
    reply: 'ScimTokenView',
    summary: "A SCIM token for a directory, by its secret's sha-256 (Master Administrator).",
    audience: 'internal',
  },
  [OrgPatterns.scimTokenList]: {
    request: ListScimTokensQuery,
    reply: 'ScimTokenList',
    summary: "The organization's SCIM tokens not revoked (Master Administrator).",
    audience: 'internal',
  },
  [OrgPatterns.scimTokenRevoke]: {
    request: RevokeScimTokenCommand,
    reply: 'ScimTokenView',
    summary: 'Revokes a SCIM token: refused from the next request on.',
    audience: 'internal',
  },
  [OrgPatterns.scimTokenVerify]: {
    request: VerifyScimTokenQuery,
    reply: 'ScimTokenIdentity',
    summary: 'Whose SCIM token has this sha-256, for the gateway on every SCIM request.',
    audience: 'internal',
  },

  // import
  [ImportPatterns.health]: health('import'),
  [ImportPatterns.sealingKeyGet]: {
    reply: 'SealingKeyReply',
    summary: 'The public key to seal import files to (HPKE).',
    audience: 'public',
  },
  [ImportPatterns.sealingKeyRotate]: {
    reply: 'SealingKeyReply',
    summary: 'A new file sealing key becomes current; the older ones open until retired.',
    audience: 'operator',
  },
  [ImportPatterns.sealingKeyRetire]: {
    request: RetireSealingKeyCommand,
    reply: 'SealingKeyReply',
    summary: 'Files sealed to this key are refused from now on.',
    audience: 'operator',
  },
  [ImportPatterns.upload]: {
    request: UploadImportCommand,
    reply: 'ImportView',
    summary: 'Starts an import (or a dry run) of a sealed CSV or JSON file.',
    audience: 'public',
  },
  [ImportPatterns.get]: {
    request: GetImportQuery,
    reply: 'ImportView',
    summary: 'An import and its progress.',
    audience: 'public',
  },
  [ImportPatterns.list]: {
    request: ListImportsQuery,
    reply: 'ImportPage',
    summary: "The organization's imports, newest first.",
    audience: 'public',
  },
  [ImportPatterns.itemsList]: {
    request: ListImportItemsQuery,
    reply: 'ImportItemPage',
    summary: "An import's rows and their outcomes.",
    audience: 'public',
  },
  [ImportPatterns.reportGet]: {
    request: GetImportReportQuery,
    reply: 'ImportReportReply',
    summary: "An import's Import Summary.",
    audience: 'public',
  },
  [ImportPatterns.cancel]: {
    request: CancelImportCommand,
    reply: 'ImportView',
    summary: 'Cancels the rows of an import not yet applied.',
    audience: 'public',
  },
  [ImportPatterns.templateGet]: {
    request: GetImportTemplateQuery,
    reply: 'ImportTemplateReply',
    summary: 'An example import file (CSV or JSON).',
    audience: 'public',
  },
};

export const EVENT_CATALOG: Record<EventPattern, EventEntry> = {
  [EventPatterns.technicianCreated]: {
    data: 'TechnicianCreatedEvent',
    summary: 'A technician exists now, with its credential.',
  },
  [EventPatterns.technicianUpdated]: {
    data: 'TechnicianUpdatedEvent',
    summary: "A technician's fields changed (names in `changed`).",
  },
  [EventPatterns.technicianMoved]: {
    data: 'TechnicianMovedEvent',
    summary: 'A technician moved to another group, whose permissions it now has.',
  },
  [EventPatterns.technicianDeleted]: {
    data: 'TechnicianDeletedEvent',
    summary: 'A technician is gone, its credential revoked.',
  },
  [EventPatterns.importCompleted]: {
    data: 'ImportCompletedEvent',
    summary: 'Every row of an import has ended.',
  },
};
