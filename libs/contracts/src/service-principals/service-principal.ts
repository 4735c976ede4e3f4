import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Actor } from '../actor';
import { PageQuery } from '../pagination';
import { TechnicianRules } from '../technicians/technician-fields';

/**
 * What a service principal may do. Each public message that a service may send as itself
 * names the scope it needs in the message catalog; `events:read` is given by the broker
 * (the `rac-events-reader` or `rac-client` user), not by a message.
 */
export const SERVICE_SCOPES = [
  'technicians:create',
  'technicians:read',
  'groups:read',
  'events:read',
] as const;
export type ServiceScope = (typeof SERVICE_SCOPES)[number];

/** An Ed25519 public key: its 32 raw bytes, base64url without padding. */
export const ED25519_PUBLIC_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What a Master Administrator registers a service principal with. */
export class ServicePrincipalFields {
  @TechnicianRules.name()
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICE_SCOPES.length)
  @ArrayUnique()
  @IsIn(SERVICE_SCOPES, { each: true })
  scopes!: ServiceScope[];

  @Matches(ED25519_PUBLIC_KEY_PATTERN, {
    message: 'publicKey must be an Ed25519 public key (32 bytes, base64url)',
  })
  publicKey!: string;
}

/**
 * Command `org.service-principal.create.v1`, from a Master Administrator (its token): another
 * team's service that acts as itself in one organization, with the scopes it may use. The
 * service keeps the Ed25519 private key; only the public key is given here, so nothing
 * secret is stored. The principal belongs to the organization: every Master Administrator
 * of it sees it (with who made it) and may disable it. Reply: ServicePrincipalView.
 *
 * Idempotent by its key: the same public key again in the organization, with the same name
 * and scopes, answers the principal already made; with another name or scopes it is
 * `CONFLICT` (field `publicKey`; make a new key pair for a new principal).
 *
 * The service then proves itself on every message with `authorization: Bearer <JWS>`: a JWT
 * signed with its private key (`alg` EdDSA), claims `iss` = its id, `aud` =
 * `rescue-admin-center`, `iat`, `exp` at most 60 s after `iat`, and `jti`, a value this
 * principal never used before (a random UUID; 1-128 printable ASCII characters). Each
 * assertion is accepted once, with one message: sign a new one for every message, a retry
 * included; a second use is `UNAUTHENTICATED` (the broker's redelivery of that same message
 * is not a second use).
 */
export class CreateServicePrincipalCommand extends ServicePrincipalFields {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;
}

/**
 * Request `org.service-principal.list.v1` (a Master Administrator): the organization's
 * principals, enabled and disabled, newest first, a page at a time. Reply: ServicePrincipalList.
 */
export class ListServicePrincipalsQuery extends PageQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;
}

/** Command `org.service-principal.disable.v1` (a Master Administrator): its messages are refused from now on. Reply: ServicePrincipalView. */
export class DisableServicePrincipalCommand {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsUUID()
  servicePrincipalId!: string;
}

/** An account named on a principal, as org knows it now (name and email null once it is gone). */
export interface ServicePrincipalAccount {
  accountId: string;
  name: string | null;
  email: string | null;
}

export interface ServicePrincipalView {
  id: string;
  organizationId: string;
  name: string;
  scopes: ServiceScope[];
  publicKey: string;
  enabled: boolean;
  /** The Master Administrator who registered it. */
  createdBy: ServicePrincipalAccount;
  createdAt: string;
  /** When an assertion of it was last accepted (kept to the minute), or null: never. */
  lastUsedAt: string | null;
  disabledAt: string | null;
  disabledBy: ServicePrincipalAccount | null;
}

export interface ServicePrincipalList {
  servicePrincipals: ServicePrincipalView[];
  /** The `cursor` of the next page, or null on the last one. */
  nextCursor: string | null;
}

/** The `aud` of a service principal's assertion. */
export const SERVICE_ASSERTION_AUDIENCE = 'rescue-admin-center';
/** How long an assertion may live (`exp` - `iat`), seconds: one message's worth. */
export const SERVICE_ASSERTION_MAX_SECONDS = 60;
/** How long a `jti` may be (characters). */
export const SERVICE_ASSERTION_JTI_MAX_LENGTH = 128;

/** The `principal` of events a service principal caused. */
export function servicePrincipal(id: string): string {
  return `service-principals/${id}`;
}
