import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ChangeOrigin } from './events/change-origin';
import { ALL_ROLES, Role } from './roles';

/**
 * When an access token was issued (its `iat`, seconds since the epoch with milliseconds),
 * when known: a token older than the account's last password change is refused.
 */
export function IsTokenIssuedAt(): PropertyDecorator {
  return (target, property) => {
    for (const rule of [
      IsOptional(),
      IsNumber({ allowNaN: false, allowInfinity: false }),
      Min(0),
      Max(1e11),
    ]) {
      rule(target, property);
    }
  };
}

/**
 * Who is asking: taken by the gateway from a verified token and passed with every
 * command made on a user's behalf. The receiver re-reads the account's current role and
 * scope from its own data; this is identification, not authorization.
 */
export class Actor {
  @IsUUID()
  accountId!: string;

  @IsUUID()
  organizationId!: string;

  @IsIn(ALL_ROLES)
  role!: Role;

  /**
   * When the token was issued (seconds since the epoch, with milliseconds): a token older
   * than the account's last password change or reset is refused. Absent when a service
   * acts on its own (an import's rows act for the administrator who uploaded it).
   */
  @IsTokenIssuedAt()
  issuedAt?: number;

  /**
   * The token's session (its `sid` claim): a session signed out is refused until its token
   * would have expired. Absent in tokens issued before tokens carried one, and when a
   * service acts on its own.
   */
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  /**
   * Set (by the transport, from a verified assertion) when a service principal acts as
   * itself: `accountId` is then its id, and what it may do is its scopes, checked before.
   */
  @IsOptional()
  @IsUUID()
  servicePrincipalId?: string;

  /**
   * Set by the gateway when a directory acts over SCIM with a token it verified: `accountId`
   * is then the token's id, and what it reaches is the token's group and its subtree.
   */
  @IsOptional()
  @IsUUID()
  scimTokenId?: string;

  /**
   * Where the command came from, for the events it causes (the audit log's "from where"):
   * set by the gateway, the transport or import, never by another team (FORBIDDEN). Absent:
   * the event says `system`.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => ChangeOrigin)
  origin?: ChangeOrigin;
}
