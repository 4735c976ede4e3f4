/** Cells a spreadsheet would run as a formula (or that hide one) start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes a cell that a spreadsheet would read as a formula with `'` (CSV injection), as
 * the import report does (services/import/src/report/import-report.ts keeps its own copy).
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
