import { decodeCursor, encodeCursor } from '@app/platform';

/** Pages go newest first by sequence (unique per organization): the cursor is the last one shown. */
export function auditCursor(sequence: number): string {
  return encodeCursor([String(sequence)]);
}

/** The sequence a cursor names; VALIDATION_FAILED (field `cursor`) for anything else. */
export function sequenceOfCursor(cursor: string): number {
  return Number(decodeCursor(cursor, ['integer'])[0]);
}
