import type { ErrorCode, FieldError } from '@app/contracts';

/**
 * An error answered as problem+json; its HTTP status comes from the error-status table.
 * `headers` go with the answer (Retry-After, for example).
 */
export class ProblemException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extensions?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
}
