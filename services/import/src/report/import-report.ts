import { stringify } from 'csv-stringify/sync';
import { IMPORT_COLUMNS } from '@app/contracts';
import { neutralizeFormula } from '@app/platform';
import type { ImportRow } from '../database/import-row.entity';
import type { Import } from '../database/import.entity';

/**
 * The Import Summary as CSV: the file's rows as uploaded, without the Password column, with
 * `Status` and `Reason`. Same delimiter as the upload (comma for JSON uploads), UTF-8 with
 * a byte-order mark so that spreadsheets read the accents right.
 */
export function importReportCsv(record: Import, rows: ImportRow[]): string {
  // The file's columns are the canonical ones in the canonical order (the header check saw to it).
  const passwordIndex = IMPORT_COLUMNS.indexOf('Password');
  const headers = record.headers.filter((_, i) => i !== passwordIndex);
  const columns = IMPORT_COLUMNS.filter((column) => column !== 'Password');
  const body = rows.map((row) => [
    ...columns.map((column) => row.cells[column] ?? ''),
    row.status === 'processing' ? 'pending' : row.status,
    row.errors.map((e) => `${e.field}: ${e.code} (${e.message})`).join('; '),
  ]);
  const table = [[...headers, 'Status', 'Reason'], ...body].map((cells) =>
    cells.map(neutralizeFormula),
  );
  return (
    '\ufeff' +
    stringify(table, {
      delimiter: record.delimiter ?? ',',
      record_delimiter: 'windows',
      quoted_match: /[\r\n"]/,
    })
  );
}
