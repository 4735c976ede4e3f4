import { ErrorCodes, IMPORT_COLUMNS } from '@app/contracts';
import { ImportFileError } from './import-file-error';
import { parseImportFile } from './parse-import-file';

/** Files and helpers of the parseImportFile specs (parse-import-file.*.spec.ts). */

export const HEADER: string[] = [...IMPORT_COLUMNS];
export const GROUP_ID = '3f0c2a6e-8d1b-4c47-9a7e-2b5d6c8e9f01';

export const FILE_LEVEL_CODES: string[] = [
  ErrorCodes.FILE_EMPTY,
  ErrorCodes.MALFORMED_FILE,
  ErrorCodes.HEADER_MISMATCH,
  ErrorCodes.TOO_MANY_ROWS,
  ErrorCodes.NO_ROWS,
  ErrorCodes.UNSUPPORTED_FORMAT,
];

/** The ten cells of a valid technician (no cell holds a delimiter, a quote or a line break). */
export function person(i: number): string[] {
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

export function personObject(i: number): Record<string, string | boolean> {
  return Object.fromEntries(HEADER.map((column, c) => [column, person(i)[c]]));
}

/** Lines of cells joined as they are (the cells need no quoting). */
export function csv(
  lines: string[][],
  options: { delimiter?: string; eol?: string; bom?: boolean } = {},
) {
  const { delimiter = ',', eol = '\n', bom = false } = options;
  return (bom ? '\uFEFF' : '') + lines.map((cells) => cells.join(delimiter)).join(eol) + eol;
}

export const utf8 = (text: string) => Buffer.from(text, 'utf8');
export const parse = (text: string) => parseImportFile(utf8(text));

export function refusal(bytes: Buffer): ImportFileError {
  try {
    parseImportFile(bytes);
  } catch (err) {
    if (err instanceof ImportFileError) return err;
    throw err;
  }
  throw new Error('parseImportFile accepted the file');
}

export const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

export const rows = (count: number) => Array.from({ length: count }, (_, i) => person(i + 1));
export const json = (value: unknown) => JSON.stringify(value, null, 2);
export const expected = { expected: HEADER };

export type Refused = [name: string, bytes: Buffer, code: string, details: Record<string, unknown>];

/**
 * The refusal specs' table tests: a `describe` a concern, an `it` a case, each refused with
 * its code, at least its details, and a message.
 */
export function describeRefusals(concerns: [concern: string, cases: Refused[]][]): void {
  describe.each(concerns)('%s', (_concern, cases) => {
    it.each(cases)('%s', (_name, bytes, code, details) => {
      const error = refusal(bytes);
      expect(error.code).toBe(code);
      expect(error.details).toMatchObject(details);
      expect(error.message.trim()).not.toBe('');
    });
  });
}

/** The header with Nickname and Email swapped. */
export const swapped = [HEADER[0], HEADER[2], HEADER[1], ...HEADER.slice(3)];
