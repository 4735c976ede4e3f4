import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { PASSWORD_FIELD_MAX_LENGTH, PASSWORD_MAX_LENGTH, WellFormedText } from '@app/contracts';
import { ApiFields } from '../openapi/api-fields';

/**
 * A password in a body: a string (else 400). Its length and strength are the password
 * policy's business (422 PASSWORD_POLICY, listing every rule broken), so only absurd sizes
 * are refused here.
 */
export function PasswordField(
  description = 'Checked against the organization password policy',
  options: { required?: boolean } = {},
): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      ...ApiFields.password,
      required: options.required ?? true,
      description: `${description} (which refuses more than ${PASSWORD_MAX_LENGTH} characters)`,
    }),
    IsString(),
    MaxLength(PASSWORD_FIELD_MAX_LENGTH),
    WellFormedText(),
  );
}
