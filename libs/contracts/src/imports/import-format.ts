/**
 * The import file format (spec section 4): the canonical header row, limits, booleans.
 * Shared by the import service (parsing, templates, report) and the gateway (upload limit).
 */
export const IMPORT_COLUMNS = [
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
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * The character encodings an import file is read in (UTF-8 is the spec's; Windows-1252 and
 * UTF-16 are what Excel saves as "CSV (Comma delimited)" and "Unicode Text").
 */
export const IMPORT_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** Columns that hold booleans; JSON files may give them as true/false. */
export const IMPORT_BOOLEAN_COLUMNS: readonly ImportColumn[] = [
  'Enabled',
  'Standard License',
  'Mobile License',
];

/** Required in every row (Tech Group ID too, unless the import names a global group). */
export const IMPORT_REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'Name',
  'Email',
  'Password',
  'Enabled',
  'Standard License',
  'Mobile License',
];

export const MAX_IMPORT_ROWS = 500;
export const MAX_IMPORT_BYTES = 1024 * 1024;

export const CSV_DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;
export type CsvDelimiterName = keyof typeof CSV_DELIMITERS;

/** Boolean words, any case. `Enabled` also takes enabled/disabled. */
export const TRUE_WORDS = ['true', 'yes', '1', 'y'];
export const FALSE_WORDS = ['false', 'no', '0', 'n'];

export function parseImportBoolean(
  value: string | boolean,
  column: ImportColumn,
): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.includes(word) || (column === 'Enabled' && word === 'enabled')) return true;
  if (FALSE_WORDS.includes(word) || (column === 'Enabled' && word === 'disabled')) return false;
  return undefined;
}
