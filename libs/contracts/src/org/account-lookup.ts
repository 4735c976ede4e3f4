import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { MaxChars } from '../text-rules';
import { NAME_MAX_LENGTH } from '../limits';
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

/**
 * Request `org.account.lookup-by-sso-id.v1`: the complete account of the organization whose
 * Single Sign-On ID is exactly this one (case-sensitive). Identity asks it when a provider
 * signed someone in. ACCOUNT_NOT_FOUND otherwise (another organization's account included).
 * Reply: AccountStandingReply.
 */
export class LookupAccountBySsoIdQuery {
  @IsUUID()
  organizationId!: string;

  @IsString()
  @MinLength(1)
  // Characters, as the column counts them (an emoji is one).
  @MaxChars(NAME_MAX_LENGTH)
  ssoId!: string;
}

export interface AccountStandingReply {
  accountId: string;
  organizationId: string;
  role: Role;
  enabled: boolean;
}
