// CSV as RFC 4180 describes it (CRLF line ends, fields quoted when needed, quotes doubled), UTF-8
// with a byte-order mark so spreadsheet programs read Polish letters correctly. Every export goes
// through csvField, so this is the one place that keeps exported text from running as a formula.
export const CSV_BOM = '\uFEFF';

/**
 * Where a spreadsheet could start reading a cell: the start of the field and — for a program that
 * splits on the other separator (Polish Excel splits on ";"), does not honour quotes, or a "text to
 * columns" — just after a ";", a "," or a line break inside it. A formula starts there with =, +, -
 * or @, possibly after spaces or quotes; the apostrophe goes right before that character.
 */
const FORMULA_AT_CELL_START = /(^|[;,\r\n])([\s"]*)(?=[=+\-@])/g;

/**
 * One field. Text that a spreadsheet would run as a formula at any cell start gets an apostrophe
 * there, and so does a field starting with a tab or CR, so an exported value can never execute in
 * the reader's program, whichever separator it uses. Fields with a separator of either
 * convention, a quote or a line break are quoted. Numbers are written as they are (a negative
 * number is a number, not a formula).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  let s = (typeof value === 'string' ? value : String(value)).replace(FORMULA_AT_CELL_START, "$1$2'");
  if (/^[\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole CSV file: the byte-order mark, the header row, then the rows (each ending with CRLF). */
export function csvDocument(header: unknown[], rows: unknown[][]): string {
  return CSV_BOM + csvRow(header) + rows.map(csvRow).join('');
}
