import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { WellFormedText } from '@app/contracts';
import { PasswordField } from '../../http/password-field';

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  @WellFormedText()
  currentPassword!: string;

  @PasswordField('The new password; checked against the organization password policy')
  newPassword!: string;
}
