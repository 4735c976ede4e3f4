import { IsIn, IsUUID } from 'class-validator';
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
}
