// CSV as RFC 4180 describes it (CRLF line ends, fields quoted when needed, quotes doubled), UTF-8
// with a byte-order mark so spreadsheet programs read Polish letters correctly.
export const CSV_BOM = '\uFEFF';

/**
 * One field. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
 * is prefixed with an apostrophe, so an exported value can never execute in the reader's program.
 */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole CSV file: the byte-order mark, the header row, then the rows (each ending with CRLF). */
export function csvDocument(header: unknown[], rows: unknown[][]): string {
  return CSV_BOM + csvRow(header) + rows.map(csvRow).join('');
}
