import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_STRENGTHS, PasswordPolicy } from '@app/contracts';
import type { PasswordStrength } from '@app/contracts';

export class PasswordPolicyDto extends PasswordPolicy {
  @ApiProperty({
    enum: PASSWORD_STRENGTHS,
    description:
      'good: 3 of 4 character types; strong: 3 types without a character twice in a row, or 4 types; excellent: 4 types without a character twice in a row',
  })
  override minimumStrength!: PasswordStrength;

  @ApiProperty({ minimum: 8, maximum: 128 }) override minLength!: number;
  @ApiProperty({
    description: 'Refuse passwords of the bundled common-password list (about 49,000)',
  })
  override rejectCommonPasswords!: boolean;
  @ApiProperty({
    description: 'A password set by an administrator must be changed at next sign-in',
  })
  override forceChangeOnAdminSet!: boolean;
  @ApiProperty({ minimum: 0, maximum: 3650, description: '0: never expires' })
  override maxAgeDays!: number;
}
