import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { PASSWORD_FIELD_MAX_LENGTH, WellFormedText } from '@app/contracts';
import { PasswordField } from '../../http/password-field';
import { ApiFields } from '../../openapi/api-fields';

export class ChangePasswordDto {
  @ApiProperty({ ...ApiFields.password })
  @IsString()
  @MaxLength(PASSWORD_FIELD_MAX_LENGTH)
  @WellFormedText()
  currentPassword!: string;

  @PasswordField('The new password; checked against the organization password policy')
  newPassword!: string;
}
