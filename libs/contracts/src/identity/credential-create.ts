import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { IsSealedSecret } from '../sealed-secret';

/**
 * Command `identity.credential.create.v1`: give an account (created by org) its password.
 * The password must meet the organization's policy (else PASSWORD_POLICY). Idempotent by
 * `accountId`: a repeat answers the first outcome. Refused for good once the account was
 * revoked (see credential-revoke), so a late delivery cannot resurrect it.
 */
export class CreateCredentialCommand {
  @IsUUID()
  accountId!: string;

  @IsUUID()
  organizationId!: string;

  /**
   * Absent: the account has no password (a directory's User sent without one), and no
   * password signs it in until an administrator sets one.
   */
  @IsOptional()
  @IsSealedSecret()
  sealedPassword?: string;

  /** True when an administrator chose the password: the owner must change it if the policy says so. */
  @IsBoolean()
  setByAdministrator!: boolean;
}

export interface CreateCredentialReply {
  accountId: string;
  mustChangePassword: boolean;
  /** False when the credential already existed (a repeat): the password of this command was not used. */
  created: boolean;
  /**
   * The keyed digest of this command's password (see `identity.password.digest.v1`), for the
   * caller to keep in place of the box; absent on a repeat whose box no longer opens.
   */
  passwordDigest?: string;
}
