import type { FieldError } from '@app/contracts';

/**
 * The most a problem+json answer holds, so that the OpenAPI document can promise bounds and
 * an answer never grows with the input it refuses (a body of 10,000 unknown fields, a field
 * path as long as the body). Nothing the API writes itself comes near these.
 */
export const PROBLEM_LIMITS = {
  /** Characters of `detail` and of each error's `message`. */
  text: 1024,
  /** Characters of an error's `field` (a dotted path into the body, a header or a column). */
  field: 256,
  /** Characters of an error's `code` (UPPER_SNAKE). */
  code: 64,
  /** Entries of `errors`. */
  errors: 100,
  /** Characters of `instance` (the request's path). */
  instance: 2048,
} as const;

/** A field error's code: a stable UPPER_SNAKE identifier. */
export const FIELD_ERROR_CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/** `text` cut to `max` characters (code points), the cut marked with an ellipsis. */
export function bounded(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

/** The first PROBLEM_LIMITS.errors field errors, each within its limits. */
export function boundedFieldErrors(errors: readonly FieldError[]): FieldError[] {
  return errors.slice(0, PROBLEM_LIMITS.errors).map(({ field, code, message }) => ({
    field: bounded(field, PROBLEM_LIMITS.field),
    code: bounded(code, PROBLEM_LIMITS.code),
    message: bounded(message, PROBLEM_LIMITS.text),
  }));
}
