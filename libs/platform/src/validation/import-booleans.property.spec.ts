import fc from 'fast-check';
import { FALSE_WORDS, IMPORT_COLUMNS, parseImportBoolean, TRUE_WORDS } from '@app/contracts';
import { anyString } from '../testing/arbitraries';

/** Properties of the import booleans (issue 6): for any input it answers, and only in its own way. */

describe('parseImportBoolean', () => {
  const word = fc.oneof(
    anyString,
    fc
      .tuple(
        fc.constantFrom(...TRUE_WORDS, ...FALSE_WORDS, 'enabled', 'disabled'),
        fc.constantFrom('', ' ', '\t', '\u00a0'),
        fc.boolean(),
      )
      .map(([w, pad, upper]) => pad + (upper ? w.toUpperCase() : w) + pad),
  );

  it('answers true, false or undefined for any cell, exactly as the words of spec section 4 say', () => {
    fc.assert(
      fc.property(word, fc.constantFrom(...IMPORT_COLUMNS), (cell, column) => {
        const parsed = parseImportBoolean(cell, column);
        const normal = cell.trim().toLowerCase();
        const truthy =
          TRUE_WORDS.includes(normal) || (column === 'Enabled' && normal === 'enabled');
        const falsy =
          FALSE_WORDS.includes(normal) || (column === 'Enabled' && normal === 'disabled');
        expect(parsed).toBe(truthy ? true : falsy ? false : undefined);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps JSON booleans as they are', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(...IMPORT_COLUMNS), (value, column) => {
        expect(parseImportBoolean(value, column)).toBe(value);
      }),
    );
  });
});
