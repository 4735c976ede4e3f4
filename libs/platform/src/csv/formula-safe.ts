/** Cells a spreadsheet would run as a formula (or that hide one) start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Prefixes a cell that a spreadsheet would read as a formula with `'` (CSV injection): the
 * import report's and the audit log's CSV.
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
