import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ErrorCodes } from '@app/contracts';
import { ERROR_STATUS } from '../problem/error-status.table';
import { FIELD_ERROR_CODE_PATTERN, PROBLEM_LIMITS } from '../problem/problem-limits';

const ERROR_CODES = Object.values(ErrorCodes);
const TITLES = [...new Set(Object.values(ERROR_STATUS).map((s) => s.title))];

/** One problem with one field: of a body, a header, a message or an import row. */
export class FieldErrorDto {
  @ApiProperty({ example: 'email', maxLength: PROBLEM_LIMITS.field })
  field!: string;

  @ApiProperty({
    example: 'INVALID_EMAIL',
    maxLength: PROBLEM_LIMITS.code,
    pattern: FIELD_ERROR_CODE_PATTERN.source,
  })
  code!: string;

  @ApiProperty({ example: 'email must be an email', maxLength: PROBLEM_LIMITS.text })
  message!: string;
}

/** The problem+json body of every error (RFC 9457), with the stable `code`. */
export class ProblemDto {
  @ApiProperty({
    example: 'urn:rac:problem:VALIDATION_FAILED',
    enum: ERROR_CODES.map((code) => `urn:rac:problem:${code}`),
  })
  type!: string;

  @ApiProperty({ example: 'The request is not valid', enum: TITLES })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'invalid fields: email', maxLength: PROBLEM_LIMITS.text })
  detail!: string;

  @ApiProperty({ example: 'VALIDATION_FAILED', enum: ERROR_CODES })
  code!: string;

  @ApiProperty({ type: [FieldErrorDto], maxItems: PROBLEM_LIMITS.errors })
  errors!: FieldErrorDto[];

  @ApiPropertyOptional({
    example: '/api/v1/groups',
    description: 'The path of the request',
    maxLength: PROBLEM_LIMITS.instance,
    pattern: '^/',
  })
  instance?: string;
}

/** Documents the error statuses of an endpoint as problem+json. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: 'application/problem+json',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
        },
      }),
    ),
  );
}
