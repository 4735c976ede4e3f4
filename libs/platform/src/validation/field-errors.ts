import type { ValidationError } from 'class-validator';
import { FieldError, FieldErrorCodes } from '@app/contracts';

/** class-validator constraint names mapped to our stable field error codes. */
const CONSTRAINT_CODES: Record<string, string> = {
  isEmail: FieldErrorCodes.INVALID_EMAIL,
  maxLength: FieldErrorCodes.FIELD_TOO_LONG,
  isBoolean: FieldErrorCodes.INVALID_BOOLEAN,
  whitelistValidation: FieldErrorCodes.UNKNOWN_FIELD,
  isDefined: FieldErrorCodes.REQUIRED,
};

/** Flattens class-validator's tree into `{ field, code, message }` with dotted field paths. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    // A value that is not an object at all (an array, a string) has no property: it is the body.
    const property =
      typeof error.property === 'string' && error.property !== '' ? error.property : 'body';
    const field = parent ? `${parent}.${property}` : property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const code = Object.hasOwn(CONSTRAINT_CODES, constraint)
        ? CONSTRAINT_CODES[constraint]
        : FieldErrorCodes.INVALID;
      result.push({ field, code, message: String(message) });
    }
    if (error.children?.length) result.push(...toFieldErrors(error.children, field));
  }
  return result;
}

/** The options every boundary validates with: unknown fields are refused, not ignored. */
export const STRICT_VALIDATION = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
} as const;
