import { ErrorCodes } from '@app/contracts';
import {
  HEADER,
  GROUP_ID,
  person,
  personObject,
  csv,
  utf8,
  refusal,
  swapped,
  rows,
  json,
  expected,
  describeRefusals,
  type Refused,
} from './import-file.fixtures';

/**
 * File-level checks of spec section 4: what makes a whole upload unusable (content,
 * encoding, row count, header, CSV records), with its code and details. JSON files:
 * parse-import-file.refused-json.spec.ts.
 */

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

  describeRefusals([
    ['content and encoding', contentCases],
    ['row count', rowCountCases],
    ['header row', headerCases],
    ['CSV records', recordCases],
  ]);

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
});
