import { ErrorCodes, IMPORT_COLUMNS, ImportColumn, MAX_IMPORT_ROWS } from '@app/contracts';
import { parse as parseTolerantJson, ParseError } from 'jsonc-parser';
import { readCsvRecords } from './csv-records';
import { decodeImportText } from './decode-import-text';
import { ImportFileError, malformed } from './import-file-error';
import { CellValue, ParsedRecord, ParsedImportFile } from './parsed-import-file';

const DELIMITERS = [',', ';', '\t'] as const;
const normalizeHeader = (header: string) => header.trim().replace(/\s+/g, ' ').toLowerCase();
const EXPECTED = IMPORT_COLUMNS.map(normalizeHeader);

/**
 * Reads an uploaded file: recognises its format from the content (never from its name or
 * Content-Type), checks what makes the whole file unusable, and returns its records.
 * Throws ImportFileError with the spec's file-level code; never anything else for any input.
 */
export function parseImportFile(bytes: Buffer): ParsedImportFile {
  if (bytes.length === 0) throw new ImportFileError(ErrorCodes.FILE_EMPTY, 'the file is empty');
  refuseBinary(bytes);
  const decoded = decodeImportText(bytes);
  if (!decoded) {
    throw new ImportFileError(
      ErrorCodes.UNSUPPORTED_FORMAT,
      'the file is not text in UTF-8, Windows-1252 or UTF-16: save it as CSV UTF-8 or JSON',
    );
  }
  const { text, encoding } = decoded;
  if (text.trim() === '')
    throw new ImportFileError(ErrorCodes.FILE_EMPTY, 'the file has no content');
  const first = text.trimStart()[0];
  const parsed = first === '[' || first === '{' ? parseJson(text) : parseCsv(text);
  return { ...parsed, encoding };
}

/**
 * Spreadsheets, archives, PDFs and other binary files are not CSV or JSON, whatever they are
 * named. UTF-16 text (with its byte-order mark) is text: its zero bytes are characters.
 */
function refuseBinary(bytes: Buffer): void {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  const utf16 = starts(0xff, 0xfe) || starts(0xfe, 0xff);
  let kind: string | undefined;
  if (starts(0x50, 0x4b, 0x03, 0x04)) kind = 'a ZIP archive (an Excel .xlsx workbook?)';
  else if (starts(0xd0, 0xcf, 0x11, 0xe0)) kind = 'an Excel .xls workbook';
  else if (starts(0x25, 0x50, 0x44, 0x46)) kind = 'a PDF';
  else if (!utf16 && bytes.subarray(0, 8192).includes(0)) kind = 'binary';
  if (kind) {
    throw new ImportFileError(
      ErrorCodes.UNSUPPORTED_FORMAT,
      `the file is ${kind}: upload a CSV (UTF-8) or JSON file`,
    );
  }
}

function parseCsv(text: string): Omit<ParsedImportFile, 'encoding'> {
  const delimiter = detectDelimiter(text);
  // Rows that are blank in a spreadsheet's sense (no content, or only delimiters) are
  // ignored wherever they are, before the header too.
  const records = readCsvRecords(text, delimiter).filter((record) =>
    record.cells.some((cell) => cell.trim() !== ''),
  );
  if (records.length === 0)
    throw new ImportFileError(ErrorCodes.FILE_EMPTY, 'the file has no content');
  const [header, ...rows] = records;
  checkHeaders(header.cells, header.line);
  checkRowCount(rows.length);
  return {
    format: 'csv',
    delimiter,
    headers: header.cells,
    records: rows.map((record, index): ParsedRecord => {
      if (record.cells.length !== IMPORT_COLUMNS.length) {
        throw malformed(
          `the record has ${record.cells.length} fields where the header has ${IMPORT_COLUMNS.length}`,
          record.line,
          { expectedFields: IMPORT_COLUMNS.length, foundFields: record.cells.length },
        );
      }
      return { row: index + 1, line: record.line, cells: toCells(record.cells) };
    }),
  };
}

/** The delimiter that makes the header row the expected one; otherwise the one that splits it most. */
function detectDelimiter(text: string): (typeof DELIMITERS)[number] {
  const headerLine =
    text.split(/\r\n|\n|\r/).find((line) => line.replace(/[\s,;"]/g, '') !== '') ?? '';
  let best: (typeof DELIMITERS)[number] = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    let cells: string[];
    try {
      cells = readCsvRecords(headerLine, delimiter)[0]?.cells ?? [];
    } catch {
      continue;
    }
    if (
      cells.length === EXPECTED.length &&
      cells.every((cell, i) => normalizeHeader(cell) === EXPECTED[i])
    ) {
      return delimiter;
    }
    if (cells.length > bestCount) {
      best = delimiter;
      bestCount = cells.length;
    }
  }
  return best;
}

function checkHeaders(found: string[], line: number): void {
  const position = firstDifference(found.map(normalizeHeader), EXPECTED);
  if (position !== undefined) {
    throw new ImportFileError(
      ErrorCodes.HEADER_MISMATCH,
      `the header row differs from the expected one at column ${position} (line ${line})`,
      { expected: [...IMPORT_COLUMNS], found: shortened(found), position },
    );
  }
}

/** What was found, bounded: an error must not echo a megabyte of header back. */
function shortened(found: string[]): string[] {
  return found
    .slice(0, 2 * IMPORT_COLUMNS.length)
    .map((cell) => (cell.length > 200 ? `${cell.slice(0, 200)}…` : cell));
}

/** 1-based position of the first difference, or undefined when equal. */
function firstDifference(found: string[], expected: string[]): number | undefined {
  const length = Math.max(found.length, expected.length);
  for (let i = 0; i < length; i++) if (found[i] !== expected[i]) return i + 1;
  return undefined;
}

function checkRowCount(count: number): void {
  if (count === 0)
    throw new ImportFileError(ErrorCodes.NO_ROWS, 'the file has a header but no data rows');
  if (count > MAX_IMPORT_ROWS) {
    throw new ImportFileError(
      ErrorCodes.TOO_MANY_ROWS,
      `the file has ${count} data rows; at most ${MAX_IMPORT_ROWS} are allowed`,
      { limit: MAX_IMPORT_ROWS, count },
    );
  }
}

function toCells(values: CellValue[]): Record<ImportColumn, CellValue> {
  return Object.fromEntries(
    IMPORT_COLUMNS.map((column, i) => [column, values[i] ?? null]),
  ) as Record<ImportColumn, CellValue>;
}

function parseJson(text: string): Omit<ParsedImportFile, 'encoding'> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw malformed('the JSON is not well formed', jsonErrorLine(text));
  }
  if (!Array.isArray(value)) throw malformed('a JSON import file is an array of objects', 1);
  checkRowCount(value.length);
  let headers: string[] = [...IMPORT_COLUMNS];
  const records = value.map((element: unknown, index): ParsedRecord => {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      throw new ImportFileError(
        ErrorCodes.MALFORMED_FILE,
        `element ${index + 1} of the array is not an object`,
        {
          row: index + 1,
        },
      );
    }
    const keys = Object.keys(element);
    const position = firstDifference(keys.map(normalizeHeader), EXPECTED);
    if (position !== undefined) {
      throw new ImportFileError(
        ErrorCodes.HEADER_MISMATCH,
        `the keys of object ${index + 1} differ from the expected ones at key ${position}`,
        { expected: [...IMPORT_COLUMNS], found: shortened(keys), position, row: index + 1 },
      );
    }
    if (index === 0) headers = keys;
    return {
      row: index + 1,
      line: null,
      cells: toCells(keys.map((key) => (element as Record<string, CellValue>)[key])),
    };
  });
  return { format: 'json', delimiter: null, headers, records };
}

/**
 * The line of the first syntax error. JSON.parse does not always say where it failed, so
 * jsonc-parser (strict: no comments, no trailing commas) locates it.
 */
function jsonErrorLine(text: string): number {
  const errors: ParseError[] = [];
  parseTolerantJson(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const offset = errors[0]?.offset ?? 0;
  return text.slice(0, offset).split(/\r\n|\n|\r/).length;
}
