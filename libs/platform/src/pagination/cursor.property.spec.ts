import fc from 'fast-check';
import { RpcException } from '@nestjs/microservices';
import { isWellFormedText } from '@app/contracts';
import { anyString } from '../testing/arbitraries';
import { CursorPart, decodeCursor, encodeCursor } from './cursor';

/** Properties of the cursor decoder (issue 6): for any input it answers, and only in its own way. */

describe('decodeCursor', () => {
  const base64url = (value: unknown) =>
    Buffer.from(JSON.stringify(value) ?? '').toString('base64url');
  const part = fc.constantFrom<CursorPart>('text', 'uuid', 'timestamp', 'integer');
  /** A value of the kind a list puts in its cursors, for each part. */
  const fitting: Record<CursorPart, fc.Arbitrary<string>> = {
    text: fc.string({ maxLength: 200 }),
    uuid: fc.uuid(),
    timestamp: fc
      .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z') })
      .map((date) => date.toISOString()),
    integer: fc.nat({ max: 999_999_999 }).map(String),
  };
  const cursorText = fc.oneof(
    anyString,
    fc.base64String().map((text) => text.replace(/=+$/, '')),
    fc.jsonValue().map(base64url),
    fc
      .array(fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue()), { maxLength: 4 })
      .map(base64url),
    fc
      .array(fc.oneof(anyString, fc.uuid(), fitting.timestamp, fitting.integer), {
        minLength: 1,
        maxLength: 3,
      })
      .map(encodeCursor),
  );

  it('returns one safe string per part or throws an RpcException VALIDATION_FAILED, for any text', () => {
    fc.assert(
      fc.property(cursorText, fc.array(part, { minLength: 1, maxLength: 3 }), (cursor, parts) => {
        let values: string[];
        try {
          values = decodeCursor(cursor, parts);
        } catch (err) {
          expect(err).toBeInstanceOf(RpcException);
          expect((err as RpcException).getError()).toMatchObject({
            code: 'VALIDATION_FAILED',
            errors: [expect.objectContaining({ field: 'cursor' })],
          });
          return;
        }
        expect(values).toHaveLength(parts.length);
        values.forEach((value, i) => {
          expect(typeof value).toBe('string');
          // What a query may be given for each part: never NUL or half a surrogate pair.
          expect(value).not.toContain('\u0000');
          expect(isWellFormedText(value)).toBe(true);
          if (parts[i] === 'uuid') expect(value).toMatch(/^[0-9a-f-]{36}$/i);
          if (parts[i] === 'integer') expect(Number.isSafeInteger(Number(value))).toBe(true);
          if (parts[i] === 'timestamp') expect(Number.isNaN(Date.parse(value))).toBe(false);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back what encodeCursor encoded, for values of the kinds of the parts', () => {
    const cursorOf = fc
      .array(part, { minLength: 1, maxLength: 3 })
      .chain((parts) =>
        fc.tuple(fc.constant(parts), fc.tuple(...parts.map((kind) => fitting[kind]))),
      );
    fc.assert(
      fc.property(cursorOf, ([parts, values]) => {
        expect(decodeCursor(encodeCursor(values), parts)).toEqual(values);
      }),
    );
  });
});
