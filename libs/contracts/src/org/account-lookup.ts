import { IsString, MaxLength } from 'class-validator';
import type { Role } from '../roles';

/**
 * Request `org.account.lookup.v1`: the account whose login is this email (compared
 * case-insensitively), if it is complete. Identity asks it at sign-in. ACCOUNT_NOT_FOUND otherwise.
 */
export class LookupAccountQuery {
  @IsString()
  @MaxLength(320)
  email!: string;
}

export interface AccountStandingReply {
  accountId: string;
  organizationId: string;
  role: Role;
  enabled: boolean;
}
