// CSV in two dialects. Every export offers both:
// - 'rfc4180': for programs (RFC 4180: commas, CRLF line ends, fields quoted when needed, quotes
//   doubled; numbers with a decimal point; instants as ISO 8601 in UTC);
// - 'excel': as Excel set to Polish reads a file it is given (semicolons, a decimal comma, instants
//   as "2026-12-02 14:30" in Warsaw time, CRLF), so every value lands in its own column and 7,5
//   is a number.
// Both start with a UTF-8 byte-order mark so spreadsheet programs read Polish letters correctly.
// Every export goes through csvField, so this is the one place that keeps exported text from
// running as a formula, in either dialect.
export const CSV_BOM = '\uFEFF';

export const csvDialects = ['rfc4180', 'excel'] as const;
export type CsvDialect = (typeof csvDialects)[number];

/** The query parameter and value that ask an export for the Excel dialect: `?format=excel`. */
export const CSV_EXCEL_PARAM = 'format';
export const CSV_EXCEL_VALUE = 'excel';

/** The dialect a request asked for (`format=excel`), RFC 4180 otherwise. */
export function csvDialectOf(query: unknown): CsvDialect {
  const q = (query ?? {}) as Record<string, unknown>;
  return q[CSV_EXCEL_PARAM] === CSV_EXCEL_VALUE ? 'excel' : 'rfc4180';
}

/** The same export's address in the Excel dialect. */
export function excelHref(href: string): string {
  return `${href}${href.includes('?') ? '&' : '?'}${CSV_EXCEL_PARAM}=${CSV_EXCEL_VALUE}`;
}

/** The download's file name: the Excel one says so. */
export const csvFileName = (name: string, dialect: CsvDialect) =>
  `${name}${dialect === 'excel' ? '-excel' : ''}.csv`;

/** A number written with a fixed count of decimals (money, hours, percentages). */
export interface CsvDecimal {
  readonly decimal: number;
  readonly digits: number;
}
export const decimal = (value: number, digits: number): CsvDecimal => ({ decimal: value, digits });

const isDecimal = (v: unknown): v is CsvDecimal =>
  typeof v === 'object' && v !== null && typeof (v as CsvDecimal).decimal === 'number';

const warsawMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function numberText(n: number, digits: number | undefined, dialect: CsvDialect): string {
  if (!Number.isFinite(n)) return '';
  const s = digits === undefined ? String(n) : n.toFixed(digits);
  return dialect === 'excel' ? s.replace('.', ',') : s;
}

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
 * convention, a quote or a line break are quoted. Numbers are written as numbers of the dialect
 * (a negative number is a number, not a formula); a Date as the dialect writes an instant.
 */
export function csvField(value: unknown, dialect: CsvDialect = 'rfc4180'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value, undefined, dialect);
  if (typeof value === 'bigint') return String(value);
  if (isDecimal(value)) return numberText(value.decimal, value.digits, dialect);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return dialect === 'excel' ? warsawMinute.format(value) : value.toISOString();
  }
  let s = (typeof value === 'string' ? value : String(value)).replace(FORMULA_AT_CELL_START, "$1$2'");
  if (/^[\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[], dialect: CsvDialect = 'rfc4180'): string {
  const separator = dialect === 'excel' ? ';' : ',';
  return `${values.map((v) => csvField(v, dialect)).join(separator)}\r\n`;
}

/** A whole CSV file: the byte-order mark, the header row, then the rows (each ending with CRLF). */
export function csvDocument(header: unknown[], rows: unknown[][], dialect: CsvDialect = 'rfc4180'): string {
  return CSV_BOM + csvRow(header, dialect) + rows.map((r) => csvRow(r, dialect)).join('');
}
