import { Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsTokenIssuedAt } from '../actor';
import { ChangeOrigin } from '../events/change-origin';
import { IsSealedSecret } from '../sealed-secret';

/**
 * Command `identity.password.change.v1`: the owner changes their own password. The current
 * one must be right (INVALID_CREDENTIALS), the new one meet the policy (PASSWORD_POLICY).
 * Every token issued before the change stops working (identity asks org to end them).
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

  /** When the caller's token was issued: a token older than the last change may not change it again. */
  @IsTokenIssuedAt()
  issuedAt?: number;

  /** The session of the caller's token: a signed-out session may not do this either. */
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  /** Where the change came from (its event's channel and origin), set by the gateway. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ChangeOrigin)
  origin?: ChangeOrigin;
}

export interface ChangePasswordReply {
  accountId: string;
  mustChangePassword: false;
}
