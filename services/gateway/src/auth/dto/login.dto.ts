import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import {
  EMAIL_MAX_LENGTH,
  IsEmailAddress,
  MaxChars,
  PASSWORD_MAX_LENGTH,
  Roles,
  WellFormedText,
} from '@app/contracts';
import type { Role } from '@app/contracts';
import { ApiFields } from '../../openapi/api-fields';

export class LoginDto {
  @ApiProperty({ ...ApiFields.email, example: 'admin@example.com' })
  @IsEmailAddress()
  @MaxChars(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({ format: 'password', minLength: 1, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  @WellFormedText()
  password!: string;
}

export class LoginResponseDto {
  @ApiProperty({ ...ApiFields.accessToken })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires' })
  expiresIn!: number;

  @ApiProperty({ enum: Object.values(Roles) })
  role!: Role;

  @ApiProperty({
    description: 'When true, the token is good only for /auth/change-password and /me',
  })
  mustChangePassword!: boolean;
}
