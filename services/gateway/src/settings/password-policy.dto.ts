import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_POLICY_BOUNDS, PASSWORD_STRENGTHS, PasswordPolicy } from '@app/contracts';
import type { PasswordStrength } from '@app/contracts';

export class PasswordPolicyDto extends PasswordPolicy {
  @ApiProperty({
    enum: PASSWORD_STRENGTHS,
    description:
      'good: 3 of 4 character types; strong: 3 types without a character twice in a row, or 4 types; excellent: 4 types without a character twice in a row',
  })
  override minimumStrength!: PasswordStrength;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: PASSWORD_POLICY_BOUNDS.minLength.min,
    maximum: PASSWORD_POLICY_BOUNDS.minLength.max,
  })
  override minLength!: number;
  @ApiProperty({
    description: 'Refuse passwords of the bundled common-password list (about 49,000)',
  })
  override rejectCommonPasswords!: boolean;
  @ApiProperty({
    description: 'A password set by an administrator must be changed at next sign-in',
  })
  override forceChangeOnAdminSet!: boolean;
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: PASSWORD_POLICY_BOUNDS.maxAgeDays.min,
    maximum: PASSWORD_POLICY_BOUNDS.maxAgeDays.max,
    description: '0: never expires',
  })
  override maxAgeDays!: number;
}
