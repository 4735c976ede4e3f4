import { randomBytes } from 'node:crypto';
import { uniqueEmail } from './fixtures';

/**
 * Import files as a test writes them (spec section 4): the canonical header, rows of
 * technicians, and CSV text with the delimiter, line ends, byte order mark and quoting a
 * test asks for. Written here, not taken from `IMPORT_COLUMNS`, so that a renamed column in
 * the product fails the tests.
 */

/** The canonical header row of spec section 4, in its order. */
export const HEADERS = [
  'Name',
  'Nickname',
  'Email',
  'Single Sign-On ID',
  'Description',
  'Password',
  'Enabled',
  'Standard License',
  'Mobile License',
  'Tech Group ID',
];

/** The statuses an import ends in. */
export const FINAL_STATUSES = ['completed', 'failed', 'cancelled'];

export type Cell = string | boolean;

/** A row of an import file, one field per column of HEADERS. */
export interface FileRow {
  name: string;
  nickname: string;
  email: string;
  ssoId: string;
  description: string;
  password: string;
  enabled: Cell;
  standardLicense: Cell;
  mobileLicense: Cell;
  groupId: string;
}

/** A password that meets the default policy, different for every row. */
export const filePassword = () => `Tq-${randomBytes(4).toString('hex')}-9Z`;

let rowCounter = 0;
/** A valid row (once it has a group), with a unique name and email. */
export function fileRow(fields: Partial<FileRow> = {}): FileRow {
  rowCounter += 1;
  return {
    name: `Imported Technician ${rowCounter}`,
    nickname: '',
    email: uniqueEmail('imported'),
    ssoId: '',
    description: '',
    password: filePassword(),
    enabled: 'yes',
    standardLicense: 'yes',
    mobileLicense: 'no',
    groupId: '',
    ...fields,
  };
}

/** The cells of a row, in the order of HEADERS. */
export const cellsOf = (row: FileRow): Cell[] => [
  row.name,
  row.nickname,
  row.email,
  row.ssoId,
  row.description,
  row.password,
  row.enabled,
  row.standardLicense,
  row.mobileLicense,
  row.groupId,
];

export interface CsvOptions {
  /** `,` unless given. */
  delimiter?: string;
  /** `\n` unless given. */
  eol?: string;
  bom?: boolean;
  /**
   * RFC 4180 either way (quotes doubled): `needed` quotes a cell holding the delimiter, a
   * quote or a line break; `always` quotes every cell.
   */
  quote?: 'needed' | 'always';
}

/** One CSV record. */
export function csvLine(cells: readonly unknown[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const quote = (value: unknown) => {
    const text = String(value);
    const needed = text.includes(delimiter) || /["\r\n]/.test(text);
    return options.quote === 'always' || needed ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return cells.map(quote).join(delimiter);
}

/** CSV text of these records (the header included), each ended by the line end. */
export function csvText(
  records: readonly (readonly unknown[])[],
  options: CsvOptions = {},
): string {
  const eol = options.eol ?? '\n';
  const lines = records.map((cells) => csvLine(cells, options));
  return (options.bom ? '\ufeff' : '') + lines.join(eol) + eol;
}

/** A CSV import file of these rows, under HEADERS (or the `headers` given). */
export function csvFile(
  rows: FileRow[],
  options: CsvOptions & { headers?: readonly string[] } = {},
): string {
  return csvText([options.headers ?? HEADERS, ...rows.map(cellsOf)], options);
}

/** The rows as a JSON import file: an array of objects keyed by the ten headers. */
export function jsonFile(rows: FileRow[]): string {
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(HEADERS.map((header, i) => [header, cellsOf(row)[i]]))),
    null,
    2,
  );
}
