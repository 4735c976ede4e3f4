import { createHash } from 'node:crypto';
import { canonicalJson, RequestMeaning } from '@app/platform';
import {
  Actor,
  CreateAdministratorCommand,
  CreateOrganizationCommand,
  CreateTechnicianCommand,
  DEFAULT_MASTER_ADMINISTRATOR_NAME,
  Roles,
  TECHNICIAN_DEFAULTS,
} from '@app/contracts';

/**
 * What a command under an idempotency key means, for telling a repeat from another request
 * (the rule is documented on the commands in @app/contracts): who asks, and every field as
 * the command would apply it, defaults filled in, so that a field left out and the same
 * field sent with its default are one request. The password is compared apart (only
 * identity can); the key, and when the actor's token was issued, are not part of it.
 */
export type CommandMeaning = RequestMeaning;

/** Who asks: the account, or the service principal; not the role its token claims. */
function actorOf(actor: Actor): CommandMeaning {
  return {
    accountId: actor.accountId,
    organizationId: actor.organizationId,
    servicePrincipalId: actor.servicePrincipalId ?? null,
  };
}

export function technicianCreateMeaning(command: CreateTechnicianCommand): CommandMeaning {
  return {
    command: 'technician.create',
    actor: actorOf(command.actor),
    groupId: command.groupId,
    name: command.name,
    nickname: command.nickname || command.name,
    email: command.email,
    ssoId: command.ssoId || null,
    description: command.description ?? '',
    enabled: command.enabled ?? TECHNICIAN_DEFAULTS.enabled,
    standardLicense: command.standardLicense ?? TECHNICIAN_DEFAULTS.standardLicense,
    mobileLicense: command.mobileLicense ?? TECHNICIAN_DEFAULTS.mobileLicense,
    dryRun: command.dryRun ?? false,
    // Only when sent: a key kept before directories existed still means what it meant.
    ...(command.directory ? { directory: command.directory } : {}),
    // A create without a password is another request than one with (whose password identity compares).
    ...(command.sealedPassword === undefined ? { withoutPassword: true } : {}),
  };
}

export function administratorCreateMeaning(command: CreateAdministratorCommand): CommandMeaning {
  return {
    command: 'administrator.create',
    actor: actorOf(command.actor),
    name: command.name,
    email: command.email,
    // Only when set: a key kept before administrators had SSO IDs still means what it meant.
    ...(command.ssoId ? { ssoId: command.ssoId } : {}),
    role: command.role,
    // A set; and a Master Administrator's are ignored.
    groupIds: command.role === Roles.ADMIN ? [...command.groupIds].sort() : [],
  };
}

export function organizationCreateMeaning(command: CreateOrganizationCommand): CommandMeaning {
  return {
    command: 'organization.create',
    name: command.name,
    adminEmail: command.adminEmail,
    adminName: command.adminName ?? DEFAULT_MASTER_ADMINISTRATOR_NAME,
  };
}

/** Fields the fingerprints of keys kept before version 2 left out. */
const LEGACY_UNFINGERPRINTED = new Set([
  'sealedPassword',
  'sealedAdminPassword',
  'idempotencyKey',
  'issuedAt',
]);

/**
 * The fingerprint of keys kept before meanings (the command as it came, defaults not
 * applied): a repeat of such a key, within its retention after an upgrade, is still the same
 * request.
 */
export function legacyFingerprintOf(command: object): string {
  return createHash('sha256').update(canonicalJson(command, LEGACY_UNFINGERPRINTED)).digest('hex');
}
