/**
 * Every message pattern and every queue and exchange name. Patterns are wire names:
 * versioned (`.v1`), never renamed once a running service uses them.
 */
export const ServiceNames = ['identity', 'org', 'import', 'audit'] as const;
export type ServiceName = (typeof ServiceNames)[number];

export const IdentityPatterns = {
  health: 'identity.health.v1',
  sealingKeyGet: 'identity.sealing-key.get.v1',
  sealingKeyRotate: 'identity.sealing-key.rotate.v1',
  sealingKeyRetire: 'identity.sealing-key.retire.v1',
  login: 'identity.auth.login.v1',
  credentialCreate: 'identity.credential.create.v1',
  credentialCreateBatch: 'identity.credential.create-batch.v1',
  credentialRevoke: 'identity.credential.revoke.v1',
  credentialStatusGet: 'identity.credential.status.get.v1',
  credentialPasswordSet: 'identity.credential.password.set.v1',
  passwordChange: 'identity.password.change.v1',
  passwordCheck: 'identity.password.check.v1',
  passwordCompare: 'identity.password.compare.v1',
  passwordDigest: 'identity.password.digest.v1',
  passwordDigestCompare: 'identity.password.digest-compare.v1',
  passwordPolicyGet: 'identity.password-policy.get.v1',
  passwordPolicySet: 'identity.password-policy.set.v1',
  ssoSettingsGet: 'identity.sso.settings.get.v1',
  ssoSettingsSet: 'identity.sso.settings.set.v1',
  ssoDiscover: 'identity.sso.discover.v1',
  ssoStart: 'identity.sso.start.v1',
  ssoFinish: 'identity.sso.finish.v1',
  ssoComplete: 'identity.sso.complete.v1',
  samlMetadataGet: 'identity.sso.saml-metadata.get.v1',
} as const;

export const OrgPatterns = {
  health: 'org.health.v1',
  accountLookup: 'org.account.lookup.v1',
  accountLookupBySsoId: 'org.account.lookup-by-sso-id.v1',
  profileGet: 'org.account.profile.get.v1',
  sessionsEnd: 'org.account.sessions.end.v1',
  signOut: 'org.account.sign-out.v1',
  authorize: 'org.authorize.v1',
  organizationCreate: 'org.organization.create.v1',
  groupTreeGet: 'org.group.tree.get.v1',
  groupChildrenList: 'org.group.children.list.v1',
  groupSearch: 'org.group.search.v1',
  groupCreate: 'org.group.create.v1',
  groupGet: 'org.group.get.v1',
  groupUpdate: 'org.group.update.v1',
  groupDelete: 'org.group.delete.v1',
  technicianCreate: 'org.technician.create.v1',
  technicianCreateBatch: 'org.technician.create-batch.v1',
  idempotencyKeySettle: 'org.idempotency-key.settle.v1',
  technicianGet: 'org.technician.get.v1',
  technicianUpdate: 'org.technician.update.v1',
  technicianDelete: 'org.technician.delete.v1',
  technicianMove: 'org.technician.move.v1',
  technicianPasswordSet: 'org.technician.password.set.v1',
  technicianList: 'org.technician.list.v1',
  administratorCreate: 'org.administrator.create.v1',
  administratorUpdate: 'org.administrator.update.v1',
  administratorList: 'org.administrator.list.v1',
  administratorRestoreMaster: 'org.administrator.restore-master.v1',
  servicePrincipalCreate: 'org.service-principal.create.v1',
  servicePrincipalList: 'org.service-principal.list.v1',
  servicePrincipalDisable: 'org.service-principal.disable.v1',
  scimTokenCreate: 'org.scim-token.create.v1',
  scimTokenList: 'org.scim-token.list.v1',
  scimTokenRevoke: 'org.scim-token.revoke.v1',
  scimTokenVerify: 'org.scim-token.verify.v1',
  actorScopeGet: 'org.actor.scope.get.v1',
} as const;

export const ImportPatterns = {
  health: 'import.health.v1',
  sealingKeyGet: 'import.sealing-key.get.v1',
  sealingKeyRotate: 'import.sealing-key.rotate.v1',
  sealingKeyRetire: 'import.sealing-key.retire.v1',
  upload: 'import.upload.v1',
  get: 'import.get.v1',
  list: 'import.list.v1',
  itemsList: 'import.items.list.v1',
  reportGet: 'import.report.get.v1',
  cancel: 'import.cancel.v1',
  templateGet: 'import.template.get.v1',
} as const;

export const AuditPatterns = {
  health: 'audit.health.v1',
  eventsList: 'audit.events.list.v1',
  settingsGet: 'audit.settings.get.v1',
  settingsSet: 'audit.settings.set.v1',
} as const;

/** Events go to the topic exchange (see `eventsExchangeName`), routed by `eventRoutingKey`. */
export const OrgEventPatterns = {
  technicianCreated: 'org.technician.created.v1',
  technicianUpdated: 'org.technician.updated.v1',
  technicianMoved: 'org.technician.moved.v1',
  technicianDeleted: 'org.technician.deleted.v1',
  technicianPasswordReset: 'org.technician.password-reset.v1',
  groupCreated: 'org.group.created.v1',
  groupUpdated: 'org.group.updated.v1',
  groupMoved: 'org.group.moved.v1',
  groupDeleted: 'org.group.deleted.v1',
  administratorCreated: 'org.administrator.created.v1',
  administratorUpdated: 'org.administrator.updated.v1',
  organizationCreated: 'org.organization.created.v1',
  servicePrincipalCreated: 'org.service-principal.created.v1',
  servicePrincipalDisabled: 'org.service-principal.disabled.v1',
  scimTokenCreated: 'org.scim-token.created.v1',
  scimTokenRevoked: 'org.scim-token.revoked.v1',
} as const;

export const IdentityEventPatterns = {
  signInSucceeded: 'identity.sign-in.succeeded.v1',
  signInFailed: 'identity.sign-in.failed.v1',
  signInLockedOut: 'identity.sign-in.locked-out.v1',
  passwordChanged: 'identity.password.changed.v1',
  passwordPolicyUpdated: 'identity.password-policy.updated.v1',
  ssoSettingsUpdated: 'identity.sso-settings.updated.v1',
} as const;

export const ImportEventPatterns = {
  importStarted: 'import.started.v1',
  importCompleted: 'import.completed.v1',
  importCancelled: 'import.cancelled.v1',
} as const;

export const AuditEventPatterns = {
  auditSettingsUpdated: 'audit.settings.updated.v1',
} as const;

export const EventPatterns = {
  ...OrgEventPatterns,
  ...IdentityEventPatterns,
  ...ImportEventPatterns,
  ...AuditEventPatterns,
} as const;

/**
 * Lanes: every service consumes two queues. `interactive` carries what a person waits for
 * (REST calls); `bulk` carries background work (import rows) and whatever a service does on
 * its behalf, with a smaller share of the service's capacity, so that imports never starve
 * people working at the same time.
 */
export const LANES = ['interactive', 'bulk'] as const;
export type Lane = (typeof LANES)[number];

/** The queue a service consumes its commands and requests of a lane from. */
export function commandQueueName(
  prefix: string,
  service: ServiceName,
  lane: Lane = 'interactive',
): string {
  return lane === 'interactive' ? `${prefix}.${service}.commands` : `${prefix}.${service}.${lane}`;
}

/**
 * How many times a message is delivered before it is dead-lettered. Part of the queue's
 * declaration, which publishers and consumers must make identically: a constant, not a setting.
 */
export const MESSAGE_DELIVERY_LIMIT = 5;

/**
 * The arguments every command queue is declared with (a client that declares one must give
 * the same, or RabbitMQ refuses with PRECONDITION_FAILED): a quorum queue, replicated when
 * the broker is a cluster, that counts deliveries, so a message that keeps failing ends on
 * the dead-letter queue instead of looping forever.
 */
export function commandQueueArguments(prefix: string, queue: string): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': MESSAGE_DELIVERY_LIMIT,
    'x-dead-letter-exchange': deadLetterExchangeName(prefix),
    'x-dead-letter-routing-key': queue,
  };
}

/**
 * A dead-letter queue holds at most this many messages (and bytes); past that RabbitMQ refuses
 * more (`reject-publish`) instead of filling the disk: a sender that floods one (any user that
 * may publish through the default exchange can address it by name) cannot raise the disk alarm
 * that stops every publisher. Operators read and empty them; docs/BROKER.md says how.
 */
export const DEAD_LETTER_MAX_LENGTH = 10_000;
export const DEAD_LETTER_MAX_BYTES = 64 * 1024 * 1024;

/** Where a queue's rejected messages end: invalid payloads and those past the retry limit. */
export function deadLetterQueueName(queue: string): string {
  return `${queue}.dead`;
}

export function deadLetterExchangeName(prefix: string): string {
  return `${prefix}.dead-letter`;
}

/**
 * The audit service's own queue of every event (bound to the events exchange with `#`):
 * a quorum queue with the arguments of a command queue (commandQueueArguments).
 */
export function auditEventsQueueName(prefix: string): string {
  return `${prefix}.audit.events`;
}

/** Topic exchange of the domain events (`org.technician.created.v1`, ...). */
export function eventsExchangeName(prefix: string): string {
  return `${prefix}.events`;
}

/**
 * The routing key of an event: its organization, then its type
 * (`<organizationId>.org.technician.created.v1`). A team's broker user may bind only keys that
 * start with its organizations (RabbitMQ's topic permissions), so the broker itself keeps each
 * team to its own organizations' events; our own consumers bind `#` or `*.<type>`.
 */
export function eventRoutingKey(organizationId: string, type: string): string {
  return `${organizationId}.${type}`;
}
