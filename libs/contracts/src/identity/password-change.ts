import { IsUUID } from 'class-validator';
import { IsSealedSecret } from '../sealed-secret';

/**
 * Command `identity.password.change.v1`: the owner changes their own password. The current
 * one must be right (INVALID_CREDENTIALS), the new one meet the policy (PASSWORD_POLICY).
 */
export class ChangePasswordCommand {
  @IsUUID()
  accountId!: string;

  @IsUUID()
  organizationId!: string;

  @IsSealedSecret()
  sealedCurrentPassword!: string;

  @IsSealedSecret()
  sealedNewPassword!: string;
}

export interface ChangePasswordReply {
  accountId: string;
  mustChangePassword: false;
}
