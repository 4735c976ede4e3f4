import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { MAX_IMPORT_ROWS } from '@app/contracts';
import { HEADER, FILE_LEVEL_CODES, utf8, parse } from './import-file.fixtures';
import { ImportFileError } from './import-file-error';
import { parseImportFile } from './parse-import-file';
import { ParsedImportFile } from './parsed-import-file';

/** Properties of parseImportFile over generated files (fast-check). */

/** Property (a): any input parses or is refused with a file-level code, never anything else. */
describe('parseImportFile: never fails with anything but a file-level error', () => {
  function parsesOrRefuses(bytes: Uint8Array): void {
    let file: ParsedImportFile;
    try {
      file = parseImportFile(Buffer.from(bytes));
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      expect(FILE_LEVEL_CODES).toContain(err.code);
      return;
    }
    expect(file.records.length).toBeGreaterThanOrEqual(1);
    expect(file.records.length).toBeLessThanOrEqual(MAX_IMPORT_ROWS);
    for (const record of file.records) expect(Object.keys(record.cells)).toEqual(HEADER);
  }

  const fragments = fc.constantFrom(
    ',',
    ';',
    '\t',
    '"',
    '""',
    '\r',
    '\n',
    '\r\n',
    ' ',
    '\uFEFF',
    'x',
    'é',
    '😀',
    'yes',
    '[',
    ']',
    '{',
    '}',
    ':',
    '"Name"',
    'true',
    'null',
    ...HEADER,
    HEADER.join(','),
    HEADER.join(';'),
    HEADER.join('\t'),
  );
  const csvish = fc.array(fragments, { maxLength: 300 }).map((parts) => parts.join(''));
  const cells = Object.fromEntries(HEADER.map((h) => [h, fc.jsonValue({ maxDepth: 2 })]));

  afterAll(() => expect(({} as Record<string, unknown>).polluted).toBeUndefined());

  it('for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), parsesOrRefuses), { numRuns: 2000 });
  });

  it('for any text encoded as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) =>
        parsesOrRefuses(utf8(text)),
      ),
      { numRuns: 2000 },
    );
  });

  it('for text made of CSV-ish characters and header fragments', () => {
    fc.assert(
      fc.property(csvish, (text) => parsesOrRefuses(utf8(text))),
      { numRuns: 2000 },
    );
  });

  it('for a valid header followed by CSV-ish lines', () => {
    fc.assert(
      fc.property(fc.constantFrom(',', ';', '\t'), fc.boolean(), csvish, (delimiter, bom, rest) =>
        parsesOrRefuses(utf8((bom ? '\uFEFF' : '') + HEADER.join(delimiter) + '\r\n' + rest)),
      ),
      { numRuns: 2000 },
    );
  });

  it('for JSON values, and arrays of objects with the ten keys and any values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.array(fc.record(cells), { maxLength: 5 })), (value) =>
        parsesOrRefuses(utf8(JSON.stringify(value) ?? 'null')),
      ),
      { numRuns: 1000 },
    );
  });
});

/** Property (b): what csv-stringify writes comes back cell for cell, on the right lines. */
describe('parseImportFile: round trip through csv-stringify', () => {
  const lineBreaks = (text: string) => (text.match(/\r\n|\r|\n/g) ?? []).length;

  const cell = fc
    .oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({
        unit: fc.constantFrom(
          ',',
          ';',
          '\t',
          '"',
          '\r',
          '\n',
          '\r\n',
          ' ',
          'a',
          'é',
          '😀',
          '\uFEFF',
        ),
        maxLength: 12,
      }),
    )
    // A NUL byte makes the file binary (UNSUPPORTED_FORMAT) by design.
    .filter((text) => !text.includes('\u0000'));
  // Rows whose cells are all blank are ignored by design.
  const row = fc
    .array(cell, { minLength: 10, maxLength: 10 })
    .filter((cells) => cells.some((c) => c.trim() !== ''));

  it('every cell comes back identical and each record starts on the right line', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 50 }),
        fc.constantFrom(',', ';', '\t'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (data, delimiter, crlf, bom, quoted) => {
          // csv-stringify leaves a bare CR unquoted in an LF file (and a bare LF in a CRLF one):
          // quote every cell holding a line break, as RFC 4180 wants.
          const options = {
            delimiter,
            record_delimiter: crlf ? 'windows' : 'unix',
            quoted,
            quoted_match: /[\r\n]/,
          };
          const header = stringify([HEADER], options);
          const parts = data.map((cells) => stringify([cells], options));
          const text = stringify([HEADER, ...data], { ...options, bom });
          expect(text).toBe((bom ? '\uFEFF' : '') + header + parts.join(''));

          let before = header;
          const lines = parts.map((part) => {
            const line = 1 + lineBreaks(before);
            before += part;
            return line;
          });

          const file = parse(text);
          expect(file).toMatchObject({ format: 'csv', delimiter, headers: HEADER });
          expect(file.records.map((r) => r.row)).toEqual(data.map((_, i) => i + 1));
          expect(file.records.map((r) => HEADER.map((h) => r.cells[h as never]))).toEqual(data);
          expect(file.records.map((r) => r.line)).toEqual(lines);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
