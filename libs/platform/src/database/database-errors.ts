import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
}

function pgError(err: unknown): PgError | undefined {
  if (!(err instanceof QueryFailedError)) return undefined;
  return (err as QueryFailedError & { driverError?: PgError }).driverError ?? (err as PgError);
}

/** A unique constraint or index refused the write (optionally: this one). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const error = pgError(err);
  return error?.code === '23505' && (!constraint || error.constraint === constraint);
}

/** A foreign key refused the write (optionally: this one). */
export function isForeignKeyViolation(err: unknown, constraint?: string): boolean {
  const error = pgError(err);
  return error?.code === '23503' && (!constraint || error.constraint === constraint);
}

export function violatedConstraint(err: unknown): string | undefined {
  return pgError(err)?.constraint;
}
