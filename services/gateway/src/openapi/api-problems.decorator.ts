import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'INVALID_EMAIL' })
  code!: string;

  @ApiProperty({ example: 'email must be an email' })
  message!: string;
}

/** The problem+json body of every error (RFC 9457), with the stable `code`. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:rac:problem:VALIDATION_FAILED' })
  type!: string;

  @ApiProperty({ example: 'The request is not valid' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'invalid fields: email' })
  detail!: string;

  @ApiProperty({ example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiProperty({ type: [FieldErrorDto] })
  errors!: FieldErrorDto[];
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
