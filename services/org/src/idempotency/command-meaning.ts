import { createHash } from 'node:crypto';
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
export type CommandMeaning = Record<string, unknown>;

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
  };
}

export function administratorCreateMeaning(command: CreateAdministratorCommand): CommandMeaning {
  return {
    command: 'administrator.create',
    actor: actorOf(command.actor),
    name: command.name,
    email: command.email,
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

/** The fingerprint kept with a key: sha-256 of the meaning, in canonical JSON. */
export function fingerprintOf(meaning: CommandMeaning): string {
  // The version keeps it apart from a legacy fingerprint (which starts with "{").
  return createHash('sha256')
    .update(`v2\n${canonicalJson(meaning)}`)
    .digest('hex');
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

/** JSON with sorted keys, without undefined fields (and without `omitted` ones, at any depth). */
export function canonicalJson(value: unknown, omitted: ReadonlySet<string> = new Set()): string {
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item, omitted)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, item]) => !omitted.has(key) && item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item, omitted)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
