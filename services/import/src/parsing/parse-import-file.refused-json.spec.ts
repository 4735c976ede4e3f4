import { ErrorCodes } from '@app/contracts';
import {
  HEADER,
  person,
  personObject,
  utf8,
  refusal,
  swapped,
  json,
  expected,
  describeRefusals,
  type Refused,
} from './import-file.fixtures';

/**
 * File-level checks of spec section 4 for JSON files: their structure, malformed text, and
 * keys that would pollute a prototype.
 */

describe('parseImportFile: JSON files refused as a whole', () => {
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

  describeRefusals([
    ['JSON structure', jsonCases],
    ['malformed JSON', malformedJson],
  ]);

  it('a truncated JSON file is MALFORMED_FILE at its last lines', () => {
    const error = refusal(utf8('[\n  {\n    "Name": "a",\n    "Nickname": "b"\n'));
    expect(error.code).toBe(ErrorCodes.MALFORMED_FILE);
    expect([4, 5]).toContain(error.details.line);
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
