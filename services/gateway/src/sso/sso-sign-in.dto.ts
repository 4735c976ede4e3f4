import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { EMAIL_MAX_LENGTH, IsEmailAddress, MaxChars } from '@app/contracts';
import { ApiFields } from '../openapi/api-fields';

export class SignInEmailDto {
  @ApiProperty({ ...ApiFields.email, example: 'tech@example.com' })
  @IsEmailAddress()
  @MaxChars(EMAIL_MAX_LENGTH)
  email!: string;
}

export class CompleteSsoDto {
  @ApiProperty({
    type: String,
    pattern: '^[A-Za-z0-9_-]{43}$',
    maxLength: 43,
    description: 'The `handoff` the sign-in page was sent back with',
  })
  @Matches(/^[A-Za-z0-9_-]{43}$/)
  handoff!: string;
}
