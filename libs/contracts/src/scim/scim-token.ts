import { Type } from 'class-transformer';
import { IsUUID, Matches, ValidateNested } from 'class-validator';
import { Actor } from '../actor';
import { TechnicianRules } from '../technicians/technician-fields';

/** sha-256 of a SCIM token, lowercase hex: all org ever sees of the secret. */
export const SCIM_TOKEN_SHA256_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Command `org.scim-token.create.v1` (a Master Administrator): a bearer token for a
 * directory (Microsoft Entra ID, Okta) to provision over SCIM 2.0 into one Technician Group
 * and its subtree. The gateway makes the secret and sends only its sha-256: the secret never
 * travels on the broker nor rests anywhere, and is shown once, in the REST answer. A
 * redelivery of this command (the same sha-256) answers the token already made. Tokens do not
 * expire; two or more may be valid at once, for rotation. Reply: ScimTokenView.
 */
export class CreateScimTokenCommand {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @TechnicianRules.name()
  name!: string;

  @IsUUID()
  groupId!: string;

  @Matches(SCIM_TOKEN_SHA256_PATTERN, { message: 'tokenSha256 must be 64 lowercase hex digits' })
  tokenSha256!: string;
}

/** Request `org.scim-token.list.v1` (a Master Administrator): the tokens not revoked, newest first. Reply: ScimTokenList. */
export class ListScimTokensQuery {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;
}

/**
 * Command `org.scim-token.revoke.v1` (a Master Administrator): the token is refused from the
 * next request on, by every gateway (each asks org on every request). Reply: ScimTokenView.
 */
export class RevokeScimTokenCommand {
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @IsUUID()
  tokenId!: string;
}

/**
 * Request `org.scim-token.verify.v1` (the gateway, for every SCIM request): whose token has
 * this sha-256. `UNAUTHENTICATED` when none (or revoked). Records its use (to the minute).
 * Reply: ScimTokenIdentity.
 */
export class VerifyScimTokenQuery {
  @Matches(SCIM_TOKEN_SHA256_PATTERN, { message: 'tokenSha256 must be 64 lowercase hex digits' })
  tokenSha256!: string;
}

export interface ScimTokenView {
  id: string;
  name: string;
  /** The Technician Group whose subtree the token sees and changes. */
  groupId: string;
  createdAt: string;
  /** When the token was last used (to the minute), or null: never. */
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ScimTokenList {
  tokens: ScimTokenView[];
}

export interface ScimTokenIdentity {
  tokenId: string;
  organizationId: string;
  groupId: string;
}

/** The `principal` of events a SCIM token caused. */
export function scimTokenPrincipal(id: string): string {
  return `scim-tokens/${id}`;
}
