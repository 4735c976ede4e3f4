import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { isUUID } from 'class-validator';
import { IMPORT_COLUMNS } from '@app/contracts';
import { brokenRules, policyViolations, TextField, wellFormed } from './field-rules';

/**
 * The import file format of spec section 4, written out for the hostile suites: what an
 * upload of given bytes answers (202, or the file-level code), and how each row ends.
 * RFC 4180 is csv-parse's reading (the library the product names); where the spec leaves
 * a detail open, the product's documented choice is written here (docs/ARCHITECTURE.md: the format is
 * recognised from the content, JSON when it starts with [ or {; the delimiter is the one
 * of comma, semicolon and tab that splits the header row into the most cells).
 */

export type Column = (typeof IMPORT_COLUMNS)[number];

export type UploadOutcome = { status: 202 } | { status: number; code: string };

const refused = (status: number, code: string): UploadOutcome => ({ status, code });
const MAX_ROWS = 500;
const MAX_BYTES = 1024 * 1024;
const header = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
const EXPECTED = IMPORT_COLUMNS.map(header);
const sameHeaders = (found: string[]) =>
  found.length === EXPECTED.length && found.every((name, i) => header(name) === EXPECTED[i]);

/** What POST /imports answers for a file of these bytes (and no other problem). */
export function uploadOutcome(bytes: Buffer): UploadOutcome {
  if (bytes.length === 0) return refused(400, 'FILE_EMPTY');
  if (bytes.length > MAX_BYTES) return refused(413, 'FILE_TOO_LARGE');
  // Not text: archives (xlsx), old Excel, PDF, or NUL bytes early on (but in UTF-16).
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  const utf16 = starts(0xff, 0xfe) ? 'utf-16le' : starts(0xfe, 0xff) ? 'utf-16be' : undefined;
  if (
    starts(0x50, 0x4b, 0x03, 0x04) ||
    starts(0xd0, 0xcf, 0x11, 0xe0) ||
    starts(0x25, 0x50, 0x44, 0x46) ||
    (!utf16 && bytes.subarray(0, 8192).includes(0))
  )
    return refused(415, 'UNSUPPORTED_FORMAT');
  const text = fileText(bytes, utf16);
  if (text === undefined) return refused(415, 'UNSUPPORTED_FORMAT');
  if (text.trim() === '') return refused(400, 'FILE_EMPTY');
  const first = text.trimStart()[0];
  return first === '[' || first === '{' ? jsonOutcome(text) : csvOutcome(text);
}

// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;

/**
 * The file's text (issue 12): UTF-16 by its byte-order mark, else UTF-8, else Windows-1252;
 * read as UTF-16 or Windows-1252, a file with control characters is not text.
 */
function fileText(bytes: Buffer, utf16: 'utf-16le' | 'utf-16be' | undefined): string | undefined {
  const strict = (encoding: string) => {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  };
  if (utf16) {
    const text = strict(utf16);
    return text !== undefined && !NOT_TEXT.test(text) ? text : undefined;
  }
  const utf8 = strict('utf-8');
  if (utf8 !== undefined) return utf8;
  const windows1252 = iconv.decode(bytes, 'windows-1252');
  return NOT_TEXT.test(windows1252) ? undefined : windows1252;
}

function jsonOutcome(text: string): UploadOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refused(400, 'MALFORMED_FILE');
  }
  if (!Array.isArray(value)) return refused(400, 'MALFORMED_FILE');
  if (value.length === 0) return refused(400, 'NO_ROWS');
  if (value.length > MAX_ROWS) return refused(400, 'TOO_MANY_ROWS');
  for (const element of value) {
    if (typeof element !== 'object' || element === null || Array.isArray(element))
      return refused(400, 'MALFORMED_FILE');
    if (!sameHeaders(Object.keys(element))) return refused(400, 'HEADER_MISMATCH');
  }
  return { status: 202 };
}

const csvRecords = (text: string, delimiter: string): string[][] =>
  parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: true });

/** The delimiter that reads the header row as the expected one, else the one splitting it most. */
function delimiterOf(text: string): string {
  const line = text.split(/\r\n|\n|\r/).find((l) => l.replace(/[\s,;"]/g, '') !== '') ?? '';
  let best = ',';
  let most = 0;
  for (const delimiter of [',', ';', '\t']) {
    let cells: string[];
    try {
      cells = csvRecords(line, delimiter)[0] ?? [];
    } catch {
      continue;
    }
    if (sameHeaders(cells)) return delimiter;
    if (cells.length > most) {
      best = delimiter;
      most = cells.length;
    }
  }
  return best;
}

function csvOutcome(text: string): UploadOutcome {
  let records: string[][];
  try {
    // Blank rows (nothing, or only delimiters) are ignored wherever they are.
    records = csvRecords(text, delimiterOf(text)).filter((cells) =>
      cells.some((cell) => cell.trim() !== ''),
    );
  } catch {
    return refused(400, 'MALFORMED_FILE');
  }
  if (records.length === 0) return refused(400, 'FILE_EMPTY');
  const [head, ...rows] = records;
  if (!sameHeaders(head)) return refused(400, 'HEADER_MISMATCH');
  if (rows.length === 0) return refused(400, 'NO_ROWS');
  if (rows.length > MAX_ROWS) return refused(400, 'TOO_MANY_ROWS');
  if (rows.some((cells) => cells.length !== IMPORT_COLUMNS.length))
    return refused(400, 'MALFORMED_FILE');
  return { status: 202 };
}

/** One error a failed row must have: its column, and the codes it may carry. */
export interface RowError {
  field: string;
  codes: string[];
}

/** What a row of an import file may find taken: in its file above it, or in the organization. */
export interface RowContext {
  /** Emails (trimmed, lower-cased) of earlier rows of the same file that had a valid one. */
  fileEmails: Set<string>;
  /** Single Sign-On IDs (trimmed) of earlier rows of the same file that had a valid one. */
  fileSsoIds: Set<string>;
  /** Emails taken in the system, Single Sign-On IDs in the organization, when the row runs. */
  takenEmails: Set<string>;
  takenSsoIds: Set<string>;
  /** Group ids of the organization. */
  groups: Set<string>;
}

const FIELD_OF: Partial<Record<Column, TextField>> = {
  Name: 'name',
  Nickname: 'nickname',
  Email: 'email',
  'Single Sign-On ID': 'ssoId',
  Description: 'description',
};
const REQUIRED: Column[] = [
  'Name',
  'Email',
  'Password',
  'Enabled',
  'Standard License',
  'Mobile License',
];
const BOOLEANS: Column[] = ['Enabled', 'Standard License', 'Mobile License'];

/** A boolean cell as spec section 4 reads it: true/false, yes/no, 1/0, y/n, enabled/disabled. */
export function booleanOf(value: unknown, column: Column): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(word) || (column === 'Enabled' && word === 'enabled'))
    return true;
  if (['false', 'no', '0', 'n'].includes(word) || (column === 'Enabled' && word === 'disabled'))
    return false;
  return undefined;
}

const blank = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * The errors a row ends with (empty: it succeeds), by spec section 4: every problem of the
 * row's own cells at once (a cell that is not text where text goes, a required cell that
 * is blank, a field rule of section 2 broken: FIELD_TOO_LONG, INVALID_EMAIL or else
 * VALIDATION_FAILED; a boolean that is none of the words; DUPLICATE_IN_FILE), else what
 * the organization says (GROUP_NOT_FOUND, EMAIL_TAKEN, SSO_ID_TAKEN, PASSWORD_POLICY once
 * per rule broken). Updates the context's file emails and ids as the product reads them.
 */
export function rowErrors(cells: Record<Column, unknown>, context: RowContext): RowError[] {
  const errors: RowError[] = [];
  const fail = (field: Column, ...codes: string[]) => errors.push({ field, codes });
  const failed = (field: Column) => errors.some((e) => e.field === field);
  const text = (column: Column): string | undefined => {
    const value = cells[column];
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean' && BOOLEANS.includes(column)) return String(value);
    fail(column, 'VALIDATION_FAILED');
    return undefined;
  };
  const values: Partial<Record<Column, string>> = {};
  for (const column of ['Name', 'Nickname', 'Email', 'Single Sign-On ID', 'Description'] as const)
    values[column] = text(column);
  const password = text('Password');
  for (const column of REQUIRED)
    if (!failed(column) && blank(cells[column])) fail(column, 'VALIDATION_FAILED');
  for (const column of BOOLEANS)
    if (!blank(cells[column]) && booleanOf(cells[column], column) === undefined)
      fail(column, 'INVALID_BOOLEAN');
  for (const [column, field] of Object.entries(FIELD_OF) as [Column, TextField][]) {
    const value = values[column];
    if (
      failed(column) ||
      value === undefined ||
      (column !== 'Name' && column !== 'Email' && value.trim() === '')
    )
      continue;
    const broken = brokenRules(field, value);
    if (broken.length > 0)
      fail(column, ...broken.map((code) => (code === 'INVALID' ? 'VALIDATION_FAILED' : code)));
  }
  if (password !== undefined && !wellFormed(password) && !failed('Password'))
    fail('Password', 'VALIDATION_FAILED');
  const group = text('Tech Group ID')?.trim() ?? '';
  // A cell that is not text is said once, as such.
  if (!failed('Tech Group ID')) {
    if (group === '') fail('Tech Group ID', 'GROUP_REQUIRED');
    else if (!isUUID(group)) fail('Tech Group ID', 'GROUP_NOT_FOUND');
  }

  const email = failed('Email') ? undefined : values.Email?.trim().toLowerCase();
  if (email !== undefined) {
    if (context.fileEmails.has(email)) fail('Email', 'DUPLICATE_IN_FILE');
    context.fileEmails.add(email);
  }
  const ssoId =
    failed('Single Sign-On ID') || !values['Single Sign-On ID']?.trim()
      ? undefined
      : values['Single Sign-On ID'].trim();
  if (ssoId !== undefined) {
    if (context.fileSsoIds.has(ssoId)) fail('Single Sign-On ID', 'DUPLICATE_IN_FILE');
    context.fileSsoIds.add(ssoId);
  }
  if (errors.length > 0) return errors;

  // What only the organization knows, in the order org checks it.
  if (!context.groups.has(group.toLowerCase()))
    return [{ field: 'Tech Group ID', codes: ['GROUP_NOT_FOUND'] }];
  if (context.takenEmails.has(email!)) return [{ field: 'Email', codes: ['EMAIL_TAKEN'] }];
  if (ssoId !== undefined && context.takenSsoIds.has(ssoId))
    return [{ field: 'Single Sign-On ID', codes: ['SSO_ID_TAKEN'] }];
  return policyViolations(password!).map(() => ({ field: 'Password', codes: ['PASSWORD_POLICY'] }));
}

/** How the errors a row ended with differ from the expected ones, if they do. */
export function rowErrorsMismatch(
  got: { field: string; code: string }[],
  expected: RowError[],
): string | undefined {
  const left = [...expected];
  const unexpected = got.filter((error) => {
    const at = left.findIndex((e) => e.field === error.field && e.codes.includes(error.code));
    if (at >= 0) left.splice(at, 1);
    return at < 0;
  });
  if (unexpected.length === 0 && left.length === 0) return undefined;
  const shown = got.map((e) => `${e.field}:${e.code}`);
  const wanted = expected.map((e) => `${e.field}:${e.codes.join('|')}`);
  return `ended with ${JSON.stringify(shown)}, expected ${JSON.stringify(wanted)}`;
}
