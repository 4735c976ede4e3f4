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
import { SearchGroupsQuery } from '../groups/group-search';
import { LookupAccountBySsoIdQuery, LookupAccountQuery } from '../org/account-lookup';
import { AuthorizeQuery } from '../org/authorize';
import { GetActorScopeQuery } from '../org/actor-scope-get';
import { SettleIdempotencyKeyCommand } from '../org/idempotency-key-settle';
import { GetProfileQuery } from '../org/profile-get';
import { EndSessionsCommand } from '../org/sessions-end';
import { SignOutCommand } from '../org/sign-out';
import { CreateOrganizationCommand } from '../organizations/organization-create';
import { OrgEventPatterns, OrgPatterns } from '../patterns';
import {
  CreateServicePrincipalCommand,
  DisableServicePrincipalCommand,
  ListServicePrincipalsQuery,
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
import { CommandEntry, health, PatternsOf } from './catalog-entry';

/** org's part of COMMAND_CATALOG (message-catalog.ts), apart to keep each file short. */
export const ORG_COMMANDS: Record<PatternsOf<typeof OrgPatterns>, CommandEntry> = {
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
  [OrgPatterns.actorScopeGet]: {
    request: GetActorScopeQuery,
    reply: 'ActorScopeReply',
    summary: "The actor's role and the paths of the groups it manages (the audit log's reach).",
    audience: 'internal',
  },
  [OrgPatterns.organizationCreate]: {
    request: CreateOrganizationCommand,
    reply: 'CreateOrganizationReply',
    summary: 'An organization and its Master Administrator (the org:create command).',
    audience: 'operator',
    emits: [OrgEventPatterns.organizationCreated, OrgEventPatterns.administratorCreated],
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
  [OrgPatterns.groupSearch]: {
    request: SearchGroupsQuery,
    reply: 'GroupMatchPage',
    summary: 'Groups by a part of their name (or by id), each with its path, by name, in pages.',
    audience: 'public',
    scope: 'groups:read',
  },
  [OrgPatterns.groupCreate]: {
    request: CreateGroupCommand,
    reply: 'GroupView',
    summary: 'Creates a Technician Group.',
    audience: 'public',
    emits: [OrgEventPatterns.groupCreated],
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
    emits: [OrgEventPatterns.groupUpdated, OrgEventPatterns.groupMoved],
  },
  [OrgPatterns.groupDelete]: {
    request: DeleteGroupCommand,
    reply: 'DeletedReply',
    summary: 'Deletes an empty Technician Group (GROUP_NOT_EMPTY otherwise).',
    audience: 'public',
    emits: [OrgEventPatterns.groupDeleted],
  },
  [OrgPatterns.technicianCreate]: {
    request: CreateTechnicianCommand,
    reply: 'TechnicianView',
    summary: 'Creates a technician in a group, with a sealed password. Idempotent by key.',
    audience: 'public',
    scope: 'technicians:create',
    emits: [OrgEventPatterns.technicianCreated],
  },
  [OrgPatterns.technicianCreateBatch]: {
    request: CreateTechnicianBatchCommand,
    reply: 'CreateTechnicianBatchReply',
    summary: 'Up to 100 technicians at once; each item its own result and key.',
    audience: 'public',
    scope: 'technicians:create',
    emits: [OrgEventPatterns.technicianCreated],
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
    emits: [OrgEventPatterns.technicianUpdated],
  },
  [OrgPatterns.technicianDelete]: {
    request: DeleteTechnicianCommand,
    reply: 'DeletedReply',
    summary: 'Deletes a technician and revokes its credential.',
    audience: 'public',
    emits: [OrgEventPatterns.technicianDeleted],
  },
  [OrgPatterns.technicianMove]: {
    request: MoveTechnicianCommand,
    reply: 'TechnicianView',
    summary: 'Moves a technician to another group, whose permissions it takes.',
    audience: 'public',
    emits: [OrgEventPatterns.technicianMoved],
  },
  [OrgPatterns.technicianPasswordSet]: {
    request: SetTechnicianPasswordCommand,
    reply: 'SetPasswordReply',
    summary: "Sets a technician's password (sealed).",
    audience: 'public',
    emits: [OrgEventPatterns.technicianPasswordReset],
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
    emits: [OrgEventPatterns.administratorCreated],
  },
  [OrgPatterns.administratorUpdate]: {
    request: UpdateAdministratorCommand,
    reply: 'AdministratorView',
    summary: "Changes an administrator's role, groups or status.",
    audience: 'internal',
    emits: [OrgEventPatterns.administratorUpdated],
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
    emits: [OrgEventPatterns.administratorUpdated],
  },

  [OrgPatterns.servicePrincipalCreate]: {
    request: CreateServicePrincipalCommand,
    reply: 'ServicePrincipalView',
    summary:
      'A service principal: another service acting as itself, with scopes (Master Administrator).',
    audience: 'public',
    emits: [OrgEventPatterns.servicePrincipalCreated],
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
    emits: [OrgEventPatterns.servicePrincipalDisabled],
  },
  [OrgPatterns.scimTokenCreate]: {
    request: CreateScimTokenCommand,
    reply: 'ScimTokenView',
    summary: "A SCIM token for a directory, by its secret's sha-256 (Master Administrator).",
    audience: 'internal',
    emits: [OrgEventPatterns.scimTokenCreated],
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
    emits: [OrgEventPatterns.scimTokenRevoked],
  },
  [OrgPatterns.scimTokenVerify]: {
    request: VerifyScimTokenQuery,
    reply: 'ScimTokenIdentity',
    summary: 'Whose SCIM token has this sha-256, for the gateway on every SCIM request.',
    audience: 'internal',
  },
};
