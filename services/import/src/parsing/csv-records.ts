import { CsvError, parse } from 'csv-parse/sync';
import { malformed } from './import-file-error';

export interface CsvRecord {
  cells: string[];
  /** Line where the record starts (1-based); a quoted field may span several lines. */
  line: number;
}

/**
 * RFC 4180 records with csv-parse: quoted fields may hold the delimiter, quotes ("") and
 * line breaks; CRLF or LF; empty lines skipped. A broken quote is MALFORMED_FILE with the
 * line where csv-parse gave up.
 */
export function readCsvRecords(text: string, delimiter: string): CsvRecord[] {
  let parsed: { record: string[]; info: { bytes: number } }[];
  try {
    parsed = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as typeof parsed;
  } catch (err) {
    if (err instanceof CsvError) {
      // csv-parse knows where it gave up (the end of the file, for a quote never closed);
      // the administrator needs where the bad field begins.
      const line =
        err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? unclosedQuoteLine(text, delimiter)
          : ((err as CsvError & { lines?: number }).lines ?? 1);
      throw malformed(`the CSV is not well formed: ${describe(err.code)}`, line);
    }
    throw err;
  }
  // Where each record starts: csv-parse reports where each one ends (in UTF-8 bytes); the
  // next starts after that, past any empty lines it skipped.
  const bytes = Buffer.from(text, 'utf8');
  let line = 1;
  let offset = 0;
  return parsed.map(({ record, info }) => {
    while (offset < bytes.length && isLineBreak(bytes[offset])) {
      offset += bytes[offset] === CR && bytes[offset + 1] === LF ? 2 : 1;
      line++;
    }
    const start = line;
    for (; offset < info.bytes; offset++) {
      if (bytes[offset] === LF || (bytes[offset] === CR && bytes[offset + 1] !== LF)) line++;
    }
    return { cells: record, line: start };
  });
}

/** The line where the quoted field that is never closed opens (RFC 4180 quoting). */
function unclosedQuoteLine(text: string, delimiter: string): number {
  let line = 1;
  let inQuotes = false;
  let openedAt = 1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char === '"' && text[i + 1] === '"') i++;
      else if (char === '"') inQuotes = false;
    } else if (char === '"' && fieldStart) {
      inQuotes = true;
      openedAt = line;
    }
    fieldStart = !inQuotes && (char === delimiter || char === '\n' || char === '\r');
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++;
  }
  return openedAt;
}

const CR = 0x0d;
const LF = 0x0a;
const isLineBreak = (byte: number) => byte === CR || byte === LF;

function describe(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote is misplaced (quotes inside a field must be doubled, and the field quoted)';
    default:
      return code.toLowerCase().replace(/^csv_/, '').replace(/_/g, ' ');
  }
}
