import type { ImportColumn, ImportEncoding } from '@app/contracts';

/** A cell as the file gave it: text, or (JSON) a boolean; anything else is kept to be refused per row. */
export type CellValue = string | boolean | number | null | object;

export interface ParsedRecord {
  /** 1-based data record. */
  row: number;
  /** CSV: the line where the record starts (header = line 1). JSON: null. */
  line: number | null;
  cells: Record<ImportColumn, CellValue>;
}

export interface ParsedImportFile {
  format: 'csv' | 'json';
  encoding: ImportEncoding;
  delimiter: ',' | ';' | '\t' | null;
  /** The header row (CSV) or the keys (JSON) as found. */
  headers: string[];
  records: ParsedRecord[];
}
