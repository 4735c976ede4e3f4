import fc from 'fast-check';
import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import { ErrorCodes, IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '@app/contracts';
import { ImportFileError } from './import-file-error';
import { parseImportFile } from './parse-import-file';
import { ParsedImportFile } from './parsed-import-file';

/**
 * File-level checks of spec section 4: what makes a whole upload unusable, with its code and
 * details, and what is accepted (format and delimiter detection, BOM, CRLF, blank lines).
 */

const HEADER: string[] = [...IMPORT_COLUMNS];
const GROUP_ID = '3f0c2a6e-8d1b-4c47-9a7e-2b5d6c8e9f01';

const FILE_LEVEL_CODES: string[] = [
  ErrorCodes.FILE_EMPTY,
  ErrorCodes.MALFORMED_FILE,
  ErrorCodes.HEADER_MISMATCH,
  ErrorCodes.TOO_MANY_ROWS,
  ErrorCodes.NO_ROWS,
  ErrorCodes.UNSUPPORTED_FORMAT,
];

/** The ten cells of a valid technician (no cell holds a delimiter, a quote or a line break). */
function person(i: number): string[] {
  return [
    `Tech ${i}`,
    '',
    `tech${i}@example.com`,
    '',
    '',
    'S3cure-Pass!',
    'yes',
    'yes',
    'no',
    GROUP_ID,
  ];
}

function personObject(i: number): Record<string, string | boolean> {
  return Object.fromEntries(HEADER.map((column, c) => [column, person(i)[c]]));
}

/** Lines of cells joined as they are (the cells need no quoting). */
function csv(lines: string[][], options: { delimiter?: string; eol?: string; bom?: boolean } = {}) {
  const { delimiter = ',', eol = '\n', bom = false } = options;
  return (bom ? '\uFEFF' : '') + lines.map((cells) => cells.join(delimiter)).join(eol) + eol;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const parse = (text: string) => parseImportFile(utf8(text));

function refusal(bytes: Buffer): ImportFileError {
  try {
    parseImportFile(bytes);
  } catch (err) {
    if (err instanceof ImportFileError) return err;
    throw err;
  }
  throw new Error('parseImportFile accepted the file');
}

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

const rows = (count: number) => Array.from({ length: count }, (_, i) => person(i + 1));
const json = (value: unknown) => JSON.stringify(value, null, 2);
const expected = { expected: HEADER };

type Refused = [name: string, bytes: Buffer, code: string, details: Record<string, unknown>];

describe('parseImportFile: files refused as a whole', () => {
  const contentCases: Refused[] = [
    ['an empty file', Buffer.alloc(0), ErrorCodes.FILE_EMPTY, {}],
    ['only spaces, tabs and line breaks', utf8('  \n\t\r\n   \n'), ErrorCodes.FILE_EMPTY, {}],
    ['only a byte-order mark', utf8('\uFEFF'), ErrorCodes.FILE_EMPTY, {}],
    ['a byte-order mark and blank lines', utf8('\uFEFF\r\n\r\n  \r\n'), ErrorCodes.FILE_EMPTY, {}],
    [
      'UTF-16 LE without a BOM (zero bytes: binary)',
      Buffer.from(csv([HEADER, person(1)]), 'utf16le'),
      ErrorCodes.UNSUPPORTED_FORMAT,
      {},
    ],
    [
      'neither UTF-8 nor Windows-1252 (an unassigned byte, 0x81)',
      Buffer.concat([utf8(csv([HEADER]) + 'Jos'), Buffer.from([0xe9, 0x81]), utf8('\n')]),
      ErrorCodes.UNSUPPORTED_FORMAT,
      {},
    ],
    [
      'invalid UTF-8 that would be Windows-1252 control characters',
      Buffer.concat([utf8(csv([HEADER])), Buffer.from([0xc0, 0x8d]), utf8('\n')]),
      ErrorCodes.UNSUPPORTED_FORMAT,
      {},
    ],
    [
      'UTF-16 with a BOM that decodes to control characters',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\u0001,Email\n', 'utf16le')]),
      ErrorCodes.UNSUPPORTED_FORMAT,
      {},
    ],
    [
      'a PDF',
      Buffer.concat([
        utf8('%PDF-1.7\n%'),
        Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]),
        utf8('\n1 0 obj\n'),
      ]),
      ErrorCodes.UNSUPPORTED_FORMAT,
      {},
    ],
    [
      'an XLSX workbook (PK zip signature)',
      Buffer.concat([
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
        utf8('[Content_Types].xml'),
      ]),
      ErrorCodes.UNSUPPORTED_FORMAT,
      {},
    ],
    [
      'an XLS workbook (OLE2 signature)',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00]),
      ErrorCodes.UNSUPPORTED_FORMAT,
      {},
    ],
    [
      'a CSV with NUL bytes in a cell',
      utf8(csv([HEADER, ['Ann\u0000\u0000', ...person(1).slice(1)]])),
      ErrorCodes.UNSUPPORTED_FORMAT,
      {},
    ],
  ];

  const rowCountCases: Refused[] = [
    ['a header and no rows', utf8(csv([HEADER])), ErrorCodes.NO_ROWS, {}],
    ['a header without a final line break', utf8(HEADER.join(',')), ErrorCodes.NO_ROWS, {}],
    [
      'a header followed by blank lines and lines of only delimiters',
      utf8(csv([HEADER, [], [''], Array(10).fill(''), ['  '], Array(3).fill('')])),
      ErrorCodes.NO_ROWS,
      {},
    ],
    [
      '501 rows',
      utf8(csv([HEADER, ...rows(501)])),
      ErrorCodes.TOO_MANY_ROWS,
      { limit: 500, count: 501 },
    ],
    [
      '501 rows, semicolons, BOM and CRLF',
      utf8(csv([HEADER, ...rows(501)], { delimiter: ';', eol: '\r\n', bom: true })),
      ErrorCodes.TOO_MANY_ROWS,
      { limit: 500, count: 501 },
    ],
    [
      '600 rows',
      utf8(csv([HEADER, ...rows(600)])),
      ErrorCodes.TOO_MANY_ROWS,
      { limit: 500, count: 600 },
    ],
    [
      '501 JSON objects',
      utf8(json(rows(501).map((_, i) => personObject(i + 1)))),
      ErrorCodes.TOO_MANY_ROWS,
      { limit: 500, count: 501 },
    ],
  ];

  const swapped = [HEADER[0], HEADER[2], HEADER[1], ...HEADER.slice(3)];
  const headerCases: Refused[] = [
    [
      'a wrong first header',
      utf8(csv([['Full Name', ...HEADER.slice(1)], person(1)])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: ['Full Name', ...HEADER.slice(1)], position: 1 },
    ],
    [
      'Nickname and Email swapped',
      utf8(csv([swapped, person(1)])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: swapped, position: 2 },
    ],
    [
      'a misspelt header (Standard Licence)',
      utf8(csv([HEADER.map((h) => h.replace('License', 'Licence')), person(1)])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: HEADER.map((h) => h.replace('License', 'Licence')), position: 8 },
    ],
    [
      'Description missing',
      utf8(csv([HEADER.filter((h) => h !== 'Description'), person(1)])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: HEADER.filter((h) => h !== 'Description'), position: 5 },
    ],
    [
      'the last header (Tech Group ID) missing',
      utf8(csv([HEADER.slice(0, 9), person(1).slice(0, 9)])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: HEADER.slice(0, 9), position: 10 },
    ],
    [
      'an extra header',
      utf8(
        csv([
          [...HEADER, 'Notes'],
          [...person(1), 'x'],
        ]),
      ),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: [...HEADER, 'Notes'], position: 11 },
    ],
    [
      'a trailing delimiter after the header',
      utf8(csv([[...HEADER, ''], person(1)])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: [...HEADER, ''], position: 11 },
    ],
    [
      'a data row where the header should be',
      utf8(csv([person(1), person(2)])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: person(1), position: 1 },
    ],
    [
      'a wrong header with semicolons, BOM and CRLF',
      utf8(csv([swapped, person(1)], { delimiter: ';', eol: '\r\n', bom: true })),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: swapped, position: 2 },
    ],
    [
      'a wrong header and no rows (the header is checked first)',
      utf8(csv([swapped])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: swapped, position: 2 },
    ],
  ];

  const recordCases: Refused[] = [
    [
      'a record with 9 fields',
      utf8(csv([HEADER, person(1), person(2).slice(0, 9), person(3)])),
      ErrorCodes.MALFORMED_FILE,
      { line: 3 },
    ],
    [
      'a record with 11 fields',
      utf8(csv([HEADER, person(1), person(2), [...person(3), 'extra']])),
      ErrorCodes.MALFORMED_FILE,
      { line: 4 },
    ],
    [
      'a record with 9 fields after a multi-line record and blank lines (CRLF)',
      utf8(
        `${HEADER.join(',')}\r\nAnn,,ann@example.com,,"line one\r\nline two",S3cure-Pass!,yes,yes,no,${GROUP_ID}\r\n\r\n` +
          `${person(2).slice(0, 9).join(',')}\r\n`,
      ),
      ErrorCodes.MALFORMED_FILE,
      { line: 5 },
    ],
    [
      'a quote inside an unquoted field',
      utf8(csv([HEADER, person(1), ['Ann "the boss" Lee', ...person(2).slice(1)], person(3)])),
      ErrorCodes.MALFORMED_FILE,
      { line: 3 },
    ],
    [
      'text after a closing quote',
      utf8(csv([HEADER, person(1), ['"Ann" Lee', ...person(2).slice(1)], person(3)])),
      ErrorCodes.MALFORMED_FILE,
      { line: 3 },
    ],
    [
      'a quoted field never closed (the line where it opens)',
      utf8(csv([HEADER, person(1), ['"Ann Lee', ...person(2).slice(1)], person(3), person(4)])),
      ErrorCodes.MALFORMED_FILE,
      { line: 3 },
    ],
  ];

  const jsonCases: Refused[] = [
    [
      'a JSON object, not an array',
      utf8(json(personObject(1))),
      ErrorCodes.MALFORMED_FILE,
      { line: 1 },
    ],
    ['an array of numbers', utf8('[1, 2, 3]'), ErrorCodes.MALFORMED_FILE, {}],
    ['an array of strings', utf8('["Name", "Email"]'), ErrorCodes.MALFORMED_FILE, {}],
    ['an array holding null', utf8('[null]'), ErrorCodes.MALFORMED_FILE, {}],
    ['an array of arrays', utf8(json([person(1)])), ErrorCodes.MALFORMED_FILE, {}],
    [
      'an object then a number',
      utf8(json([personObject(1), 42])),
      ErrorCodes.MALFORMED_FILE,
      { row: 2 },
    ],
    [
      'a key missing',
      utf8(json([{ ...personObject(1), 'Tech Group ID': undefined }])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: HEADER.slice(0, 9), position: 10 },
    ],
    [
      'keys out of order',
      utf8(json([Object.fromEntries(swapped.map((key) => [key, personObject(1)[key]]))])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: swapped, position: 2 },
    ],
    [
      'an extra key',
      utf8(json([{ ...personObject(1), Notes: 'x' }])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: [...HEADER, 'Notes'], position: 11 },
    ],
    [
      'wrong keys in the second object',
      utf8(json([personObject(1), { name: 'Ann', email: 'ann@example.com' }])),
      ErrorCodes.HEADER_MISMATCH,
      { ...expected, found: ['name', 'email'], position: 2, row: 2 },
    ],
    ['an empty array', utf8('[]'), ErrorCodes.NO_ROWS, {}],
    [
      'an empty array with whitespace and a BOM',
      utf8('\uFEFF [\r\n ]\r\n'),
      ErrorCodes.NO_ROWS,
      {},
    ],
  ];

  // Line of the offending token; the text of each case is shown beside it.
  const malformedJson: Refused[] = [
    // [ / { / "Name": "a", / "Nickname": b} / ]
    [
      'a bare word on line 4',
      utf8('[\n  {\n    "Name": "a",\n    "Nickname": b\n  }\n]\n'),
      ErrorCodes.MALFORMED_FILE,
      { line: 4 },
    ],
    [
      'a trailing comma before the closing brace on line 4',
      utf8('[\n  {\n    "Name": "a",\n  }\n]\n'),
      ErrorCodes.MALFORMED_FILE,
      { line: 4 },
    ],
    [
      'a string never closed on line 2',
      utf8('[\n  {"Name": "a,\n  "Nickname": "b"}\n]\n'),
      ErrorCodes.MALFORMED_FILE,
      { line: 2 },
    ],
    [
      'single quotes on line 3',
      utf8("[\n  {\n    'Name': 'a'\n  }\n]\n"),
      ErrorCodes.MALFORMED_FILE,
      { line: 3 },
    ],
    [
      'text after the array on line 3',
      utf8('[]\n\nnot json\n'),
      ErrorCodes.MALFORMED_FILE,
      { line: 3 },
    ],
  ];

  describe.each([
    ['content and encoding', contentCases],
    ['row count', rowCountCases],
    ['header row', headerCases],
    ['CSV records', recordCases],
    ['JSON structure', jsonCases],
    ['malformed JSON', malformedJson],
  ])('%s', (_concern, cases) => {
    it.each(cases)('%s', (_name, bytes, code, details) => {
      const error = refusal(bytes);
      expect(error.code).toBe(code);
      expect(error.details).toMatchObject(details);
      expect(error.message.trim()).not.toBe('');
    });
  });

  it('a truncated JSON file is MALFORMED_FILE at its last lines', () => {
    const error = refusal(utf8('[\n  {\n    "Name": "a",\n    "Nickname": "b"\n'));
    expect(error.code).toBe(ErrorCodes.MALFORMED_FILE);
    expect([4, 5]).toContain(error.details.line);
  });

  it('the details of a 501-row file are exactly the limit and the count', () => {
    expect(refusal(utf8(csv([HEADER, ...rows(501)]))).details).toEqual({ limit: 500, count: 501 });
  });

  it('the details of a header mismatch are exactly expected, found and position', () => {
    const found = ['name', 'nickname', 'email'];
    expect(refusal(utf8(csv([found, ['a', 'b', 'c']]))).details).toEqual({
      expected: HEADER,
      found,
      position: 4,
    });
  });

  describe('__proto__ and constructor keys', () => {
    afterEach(() => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    /** JSON text of one object from [key, raw JSON value] pairs, so __proto__ stays a key. */
    const objectText = (entries: [string, string][]) =>
      `[{${entries.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(', ')}}]`;
    const ten: [string, string][] = HEADER.map((key, i) => [key, JSON.stringify(person(1)[i])]);
    const POLLUTE = '{"polluted": "yes"}';

    it.each([
      ['__proto__ as the only key', objectText([['__proto__', POLLUTE]]), ['__proto__'], 1],
      [
        '__proto__ instead of Name',
        objectText([['__proto__', POLLUTE], ...ten.slice(1)]),
        ['__proto__', ...HEADER.slice(1)],
        1,
      ],
      [
        '__proto__ after the ten keys',
        objectText([...ten, ['__proto__', POLLUTE]]),
        [...HEADER, '__proto__'],
        11,
      ],
      [
        'constructor.prototype after the ten keys',
        objectText([...ten, ['constructor', `{"prototype": ${POLLUTE}}`]]),
        [...HEADER, 'constructor'],
        11,
      ],
      [
        'constructor as the only key',
        objectText([['constructor', `{"prototype": ${POLLUTE}}`]]),
        ['constructor'],
        1,
      ],
    ])('%s is HEADER_MISMATCH and pollutes nothing', (_name, text, found, position) => {
      const error = refusal(utf8(text));
      expect(error.code).toBe(ErrorCodes.HEADER_MISMATCH);
      expect(error.details).toMatchObject({ expected: HEADER, found, position });
    });
  });
});

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
