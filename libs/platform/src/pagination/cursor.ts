import { isISO8601, isUUID } from 'class-validator';
import { ErrorCodes, isWellFormedText } from '@app/contracts';
import { rpcError } from '../messaging/rpc-error.filter';

/** What each part of a cursor must be: a cursor comes back from clients, so it is input like any other. */
export type CursorPart = 'text' | 'uuid' | 'timestamp' | 'integer';

const CHECKS: Record<CursorPart, (value: string) => boolean> = {
  text: (value) => value.length <= 1024 && isWellFormedText(value) && !value.includes('\u0000'),
  uuid: (value) => isUUID(value),
  timestamp: (value) => isISO8601(value, { strict: true }) && !Number.isNaN(Date.parse(value)),
  integer: (value) => /^\d{1,9}$/.test(value),
};

/** Keyset cursors: the sort key of the last item, opaque to clients (base64url JSON). */
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The parts of a cursor this list returned, each checked; VALIDATION_FAILED (field `cursor`) otherwise. */
export function decodeCursor(cursor: string, parts: CursorPart[]): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === parts.length &&
      values.every((value, i) => typeof value === 'string' && CHECKS[parts[i]](value))
    ) {
      return values as string[];
    }
  } catch {
    // fall through
  }
  throw rpcError(ErrorCodes.VALIDATION_FAILED, 'the cursor is not one this list returned', {
    errors: [{ field: 'cursor', code: 'INVALID', message: 'is not a cursor of this list' }],
  });
}

/**
 * The end of a keyset page: a list reads `limit + 1` rows so that it knows whether more
 * follow; this keeps `limit` of them and, when more follow, the cursor of the last one kept.
 */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  keyOf: (last: T) => string[],
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
