/* Test data for the property specs of libs/platform (fast-check); no product code imports it. */
import fc from 'fast-check';

/** Strings of any UTF-16 code units: lone surrogates, NUL and control characters included. */
export const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string16bits({ maxLength: 60 }),
);

/** Any JSON-like value, strings of any code units included. */
export const anyValue = fc.anything({ stringUnit: 'binary', maxDepth: 3 });
