import { Actor } from '../actor';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../limits';
import { IsSealedSecret } from '../sealed-secret';

export const PASSWORD_STRENGTHS = ['good', 'strong', 'excellent'] as const;
export type PasswordStrength = (typeof PASSWORD_STRENGTHS)[number];

/** The range of each number of a password policy. */
export const PASSWORD_POLICY_BOUNDS = {
  minLength: { min: 8, max: PASSWORD_MAX_LENGTH },
  /** 0: passwords never expire. */
  maxAgeDays: { min: 0, max: 3650 },
} as const;

/** An organization's password policy (spec section 2, Global Settings). */
export class PasswordPolicy {
  @IsIn(PASSWORD_STRENGTHS)
  minimumStrength!: PasswordStrength;

  @IsInt()
  @Min(PASSWORD_POLICY_BOUNDS.minLength.min)
  @Max(PASSWORD_POLICY_BOUNDS.minLength.max)
  minLength!: number;

  @IsBoolean()
  rejectCommonPasswords!: boolean;

  @IsBoolean()
  forceChangeOnAdminSet!: boolean;

  @IsInt()
  @Min(PASSWORD_POLICY_BOUNDS.maxAgeDays.min)
  @Max(PASSWORD_POLICY_BOUNDS.maxAgeDays.max)
  maxAgeDays!: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumStrength: 'good',
  minLength: 8,
  rejectCommonPasswords: true,
  forceChangeOnAdminSet: true,
  maxAgeDays: 0,
};

/** Codes of the rules a password can break; each is one entry of a PASSWORD_POLICY error. */
export const PasswordRuleCodes = {
  TOO_SHORT: 'PASSWORD_TOO_SHORT',
  TOO_LONG: 'PASSWORD_TOO_LONG',
  TOO_FEW_CHARACTER_TYPES: 'PASSWORD_TOO_FEW_CHARACTER_TYPES',
  REPEATED_CHARACTER: 'PASSWORD_REPEATED_CHARACTER',
  COMMON: 'PASSWORD_COMMON',
} as const;

/** Request `identity.password-policy.get.v1`. Reply: PasswordPolicy. */
export class GetPasswordPolicyQuery {
  @IsUUID()
  organizationId!: string;
}

/** Command `identity.password-policy.set.v1`. Reply: the PasswordPolicy now in force. */
export class SetPasswordPolicyCommand {
  @IsUUID()
  organizationId!: string;

  /** Who saves it, and from where (its event's principal and origin). */
  @ValidateNested()
  @Type(() => Actor)
  actor!: Actor;

  @ValidateNested()
  @Type(() => PasswordPolicy)
  policy!: PasswordPolicy;
}

/** Request `identity.password.check.v1`: would this password be accepted (dry runs)? */
export class CheckPasswordQuery {
  @IsUUID()
  organizationId!: string;

  @IsSealedSecret()
  sealedPassword!: string;
}

export interface CheckPasswordReply {
  /** Empty when the password meets the policy; otherwise one entry per broken rule. */
  violations: { field: string; code: string; message: string }[];
}
