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

/**
 * Command `org.service-principal.create.v1`, from a Master Administrator (its token): another
 * team's service that acts as itself in one organization, with the scopes it may use. The
 * service keeps the Ed25519 private key; only the public key is given here, so nothing
 * secret is stored. Reply: ServicePrincipalView.
 *
 * The service then proves itself on every message with `authorization: Bearer <JWS>`: a JWT
 * signed with its private key (`alg` EdDSA), claims `iss` = its id, `aud` =
 * `rescue-admin-center`, `iat`, and `exp` at most 5 minutes after `iat`.
 */
export class CreateServicePrincipalCommand {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

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

/** Request `org.service-principal.list.v1` (a Master Administrator). Reply: ServicePrincipalList. */
export class ListServicePrincipalsQuery {
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

export interface ServicePrincipalView {
  id: string;
  organizationId: string;
  name: string;
  scopes: ServiceScope[];
  publicKey: string;
  enabled: boolean;
  createdAt: string;
}

export interface ServicePrincipalList {
  servicePrincipals: ServicePrincipalView[];
}

/** The `aud` of a service principal's assertion. */
export const SERVICE_ASSERTION_AUDIENCE = 'rescue-admin-center';
/** How long an assertion may live (`exp` - `iat`), seconds. */
export const SERVICE_ASSERTION_MAX_SECONDS = 300;

/** The `principal` of events a service principal caused. */
export function servicePrincipal(id: string): string {
  return `service-principals/${id}`;
}
