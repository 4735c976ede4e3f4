import { IsBoolean, IsUUID } from 'class-validator';
import { IsSealedSecret } from '../sealed-secret';

/**
 * Command `identity.credential.password.set.v1`: an administrator sets (resets) an account's
 * password. Checked against the organization's policy (PASSWORD_POLICY otherwise).
 */
export class SetPasswordCommand {
  @IsUUID()
  accountId!: string;

  @IsUUID()
  organizationId!: string;

  @IsSealedSecret()
  sealedPassword!: string;

  @IsBoolean()
  setByAdministrator!: boolean;
}

export interface SetPasswordReply {
  accountId: string;
  mustChangePassword: boolean;
}
