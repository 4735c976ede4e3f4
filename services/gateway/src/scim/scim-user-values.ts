import { ErrorCodes } from '@app/contracts';
import { ProblemException } from '../problem/problem.exception';

/** A SCIM boolean: true or false, or Entra ID's "True" and "False". */
export function flag(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value))
    return value.toLowerCase() === 'true';
  throw invalidValue(`${field} must be a boolean`, field);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A SCIM 400 `invalidValue`, naming the attribute when there is one. */
export function invalidValue(detail: string, field?: string) {
  return new ProblemException(
    ErrorCodes.VALIDATION_FAILED,
    detail,
    field ? [{ field, code: 'INVALID', message: detail }] : [],
    { scimType: 'invalidValue' },
  );
}
