import { ValidationPipe } from '@nestjs/common';
import { ErrorCodes } from '@app/contracts';
import { STRICT_VALIDATION, toFieldErrors } from '@app/platform';
import { ProblemException } from './problem.exception';

/** HTTP bodies, queries and params: validated strictly, failures as 400 VALIDATION_FAILED naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...STRICT_VALIDATION,
    transform: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => {
      const fieldErrors = toFieldErrors(errors);
      const fields = [...new Set(fieldErrors.map((e) => e.field))].join(', ');
      return new ProblemException(
        ErrorCodes.VALIDATION_FAILED,
        `invalid fields: ${fields}`,
        fieldErrors,
      );
    },
  });
}
