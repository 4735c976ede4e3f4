import iconv from 'iconv-lite';
import { MAX_IMPORT_ROWS } from '@app/contracts';
import {
  HEADER,
  GROUP_ID,
  person,
  personObject,
  csv,
  utf8,
  parse,
  utf16be,
  rows,
  json,
} from './import-file.fixtures';
import { parseImportFile } from './parse-import-file';
import { ParsedImportFile } from './parsed-import-file';

/**
 * What spec section 4 accepts: encodings, format and delimiter detection, BOM, CRLF, blank
 * lines, quoted cells, JSON.
 */

describe('parseImportFile: files accepted', () => {
  describe('encodings: the text as a spreadsheet saved it (issue 12)', () => {
    const accented = [
      'José Müller',
      'Jo',
      'jose@example.com',
      '',
      'Straße 5 – €',
      ...person(1).slice(5),
    ];
    const nameAndDescription = (parsed: ParsedImportFile) => [
      parsed.records[0].cells.Name,
      parsed.records[0].cells.Description,
    ];

    it('reads UTF-8, with or without its byte-order mark', () => {
      for (const bom of [false, true]) {
        const parsed = parseImportFile(utf8(csv([HEADER, accented], { bom })));
        expect({ encoding: parsed.encoding, cells: nameAndDescription(parsed) }).toEqual({
          encoding: 'utf-8',
          cells: ['José Müller', 'Straße 5 – €'],
        });
      }
    });

    it('reads Windows-1252 (Excel\'s "CSV (Comma delimited)" on Windows, here with semicolons and CRLF)', () => {
      const text = csv([HEADER, accented], { delimiter: ';', eol: '\r\n' });
      const bytes = iconv.encode(text, 'windows-1252');
      const parsed = parseImportFile(bytes);
      expect(parsed.encoding).toBe('windows-1252');
      expect(parsed.delimiter).toBe(';');
      expect(nameAndDescription(parsed)).toEqual(['José Müller', 'Straße 5 – €']);
      expect(parsed.records[0].line).toBe(2);
    });

    it('reads UTF-16 with its byte-order mark (Excel\'s "Unicode Text": tabs, little-endian)', () => {
      const text = '\uFEFF' + csv([HEADER, accented], { delimiter: '\t', eol: '\r\n' });
      const little = parseImportFile(Buffer.from(text, 'utf16le'));
      expect(little.encoding).toBe('utf-16le');
      expect(little.delimiter).toBe('\t');
      expect(nameAndDescription(little)).toEqual(['José Müller', 'Straße 5 – €']);
      const big = parseImportFile(utf16be(text));
      expect(big.encoding).toBe('utf-16be');
      expect(nameAndDescription(big)).toEqual(['José Müller', 'Straße 5 – €']);
    });

    it('reads a JSON file saved in UTF-16', () => {
      const text = '\uFEFF' + json([{ ...personObject(1), Name: 'Zoë' }]);
      const parsed = parseImportFile(Buffer.from(text, 'utf16le'));
      expect({ format: parsed.format, name: parsed.records[0].cells.Name }).toEqual({
        format: 'json',
        name: 'Zoë',
      });
    });
  });

  const cellsOf = (file: ParsedImportFile) =>
    file.records.map((r) => HEADER.map((h) => r.cells[h as never]));

  it('accepts exactly 500 rows, numbered 1..500 on lines 2..501', () => {
    const file = parse(csv([HEADER, ...rows(500)]));
    expect(file.records).toHaveLength(MAX_IMPORT_ROWS);
    expect(file.records[0]).toMatchObject({ row: 1, line: 2 });
    expect(file.records[499]).toMatchObject({ row: 500, line: 501 });
    expect(cellsOf(file)).toEqual(rows(500));
  });

  it('accepts 500 rows among blank lines (blank lines do not count)', () => {
    const lines = [HEADER, ...rows(500).flatMap((row) => [row, []])];
    expect(parse(csv(lines)).records).toHaveLength(500);
  });

  it('matches header names case-insensitively after trimming', () => {
    const header = HEADER.map((h, i) => (i % 2 ? `  ${h.toUpperCase()} ` : `${h.toLowerCase()} `));
    const file = parse(csv([header, person(1)]));
    expect(file).toMatchObject({ format: 'csv', delimiter: ',', headers: header });
    expect(cellsOf(file)).toEqual([person(1)]);
  });

  it('matches header names with a tab delimiter and spaces around them', () => {
    const file = parse(
      csv([HEADER.map((h) => ` ${h.toLowerCase()}  `), person(1)], { delimiter: '\t' }),
    );
    expect(file.delimiter).toBe('\t');
    expect(cellsOf(file)).toEqual([person(1)]);
  });

  describe.each([
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
  ] as const)('detects the %s delimiter', (_name, delimiter) => {
    it.each([
      ['LF', { delimiter, eol: '\n' }],
      ['CRLF', { delimiter, eol: '\r\n' }],
      ['a BOM and LF', { delimiter, eol: '\n', bom: true }],
      ['a BOM and CRLF', { delimiter, eol: '\r\n', bom: true }],
    ])('with %s', (_label, options) => {
      const file = parse(csv([HEADER, person(1), person(2)], options));
      expect(file).toMatchObject({ format: 'csv', delimiter, headers: HEADER });
      expect(file.records.map((r) => [r.row, r.line])).toEqual([
        [1, 2],
        [2, 3],
      ]);
      expect(cellsOf(file)).toEqual([person(1), person(2)]);
    });
  });

  it('detects semicolons when cells hold commas, and commas when cells hold semicolons', () => {
    const withComma = [...person(1).slice(0, 4), 'Paris, France', ...person(1).slice(5)];
    const semicolons = parse(csv([HEADER, withComma], { delimiter: ';' }));
    expect(semicolons.delimiter).toBe(';');
    expect(cellsOf(semicolons)).toEqual([withComma]);

    const withSemicolon = [...person(1).slice(0, 4), 'Paris; France', ...person(1).slice(5)];
    const commas = parse(csv([HEADER, withSemicolon]));
    expect(commas.delimiter).toBe(',');
    expect(cellsOf(commas)).toEqual([withSemicolon]);
  });

  it('reads quoted cells holding the delimiter, quotes and line breaks, and counts the lines', () => {
    const text =
      `${HEADER.join(';')}\r\n` +
      `"Lee; Ann";"A ""nick""";ann@example.com;;"first\r\nsecond\nthird";S3cure-Pass!;yes;yes;no;${GROUP_ID}\r\n` +
      `${person(2).join(';')}\r\n`;
    const file = parse(text);
    expect(file.delimiter).toBe(';');
    expect(file.records.map((r) => r.line)).toEqual([2, 5]);
    expect(file.records[0].cells).toMatchObject({
      Name: 'Lee; Ann',
      Nickname: 'A "nick"',
      Description: 'first\r\nsecond\nthird',
    });
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('ignores blank lines and lines of only delimiters (%s)', (_name, eol) => {
    const text = csv(
      [
        HEADER,
        [],
        person(1),
        Array(10).fill(''),
        ['   '],
        person(2),
        Array(4).fill(''),
        [],
        person(3),
        [],
      ],
      { eol },
    );
    const file = parse(text);
    expect(file.records.map((r) => [r.row, r.line])).toEqual([
      [1, 3],
      [2, 6],
      [3, 9],
    ]);
    expect(cellsOf(file)).toEqual([person(1), person(2), person(3)]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('ignores blank lines before the header (%s)', (_name, eol) => {
    const file = parse(eol + eol + csv([HEADER, person(1)], { eol }));
    expect(file.records.map((r) => [r.row, r.line])).toEqual([[1, 4]]);
    expect(cellsOf(file)).toEqual([person(1)]);
  });

  it('ignores a line of only spaces before the header', () => {
    const file = parse('   \n' + csv([HEADER, person(1)]));
    expect(file.records.map((r) => [r.row, r.line])).toEqual([[1, 3]]);
    expect(cellsOf(file)).toEqual([person(1)]);
  });

  it.each([
    ['comma', ','],
    ['semicolon', ';'],
  ])(
    'ignores a line of only delimiters before the header (%s, as Excel writes a blank first row)',
    (_n, d) => {
      const file = parse(
        csv([Array(10).fill(''), HEADER, person(1)], { delimiter: d, eol: '\r\n' }),
      );
      expect(file.delimiter).toBe(d);
      expect(file.records.map((r) => [r.row, r.line])).toEqual([[1, 3]]);
      expect(cellsOf(file)).toEqual([person(1)]);
    },
  );

  it('reads JSON: booleans stay booleans, lines are null, a BOM and whitespace are allowed', () => {
    const first = {
      ...personObject(1),
      Enabled: true,
      'Standard License': false,
      'Mobile License': true,
    };
    const file = parseImportFile(utf8('\uFEFF \r\n' + json([first, personObject(2)])));
    expect(file).toMatchObject({ format: 'json', delimiter: null, headers: HEADER });
    expect(file.records).toEqual([
      { row: 1, line: null, cells: first },
      { row: 2, line: null, cells: personObject(2) },
    ]);
  });
});
