import { IsIn, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ALL_ROLES, Role } from './roles';

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
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e11)
  issuedAt?: number;

  /**
   * Set (by the transport, from a verified assertion) when a service principal acts as
   * itself: `accountId` is then its id, and what it may do is its scopes, checked before.
   */
  @IsOptional()
  @IsUUID()
  servicePrincipalId?: string;
}
