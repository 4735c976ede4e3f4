import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
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

/**
 * Request `org.account.lookup-by-sso-id.v1`: the complete account of the organization whose
 * Single Sign-On ID this is. Identity asks it when a provider signed someone in.
 * ACCOUNT_NOT_FOUND otherwise (another organization's account included).
 */
export class LookupAccountBySsoIdQuery {
  @IsUUID()
  organizationId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  ssoId!: string;
}
