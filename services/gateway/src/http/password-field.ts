import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { WellFormedText } from '@app/contracts';

/**
 * A password in a body: a string (else 400). Its length and strength are the password
 * policy's business (422 PASSWORD_POLICY, listing every rule broken), so only absurd sizes
 * are refused here.
 */
export function PasswordField(
  description = 'Checked against the organization password policy',
): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ format: 'password', maxLength: 128, description }),
    IsString(),
    MaxLength(1024),
    WellFormedText(),
  );
}
