// How a spreadsheet reads a CSV file, for tests of what our exports would do in one: RFC 4180
// fields (quotes honoured only at the start of a field), split on the separator the reader's
// locale uses — a comma in English, a semicolon in Polish Excel.

/** The rows and cells of `text` as a program splitting on `separator` reads them. */
export function readCsv(text: string, separator: ',' | ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atStart = true;
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
      i += 1;
      continue;
    }
    if (c === separator) {
      row.push(cell);
      cell = '';
      atStart = true;
      i += 1;
      continue;
    }
    if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atStart = true;
      i += 2;
      continue;
    }
    cell += c;
    atStart = false;
    i += 1;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** True when a spreadsheet would take the text for a formula: =, +, - or @ after optional spaces or quotes. */
export const looksLikeFormula = (text: string) => /^[\s"]*[=+\-@]/.test(text);

/** OWASP also counts a cell that starts with a tab or a carriage return. */
const startsRisky = (cell: string) => looksLikeFormula(cell) || /^[\t\r]/.test(cell);

/**
 * The cells of the file read both ways, and the pieces of every cell split on either separator
 * (what "text to columns" would make of it), that a spreadsheet would run as a formula. Cells as
 * the file's own dialect reads them (a comma for RFC 4180, a semicolon for the Excel file) must not
 * even start with a tab or CR.
 */
export function formulaCells(text: string, ownSeparator: ',' | ';' = ','): string[] {
  const found: string[] = [];
  for (const row of readCsv(text, ownSeparator))
    for (const cell of row) if (startsRisky(cell)) found.push(cell);
  for (const sep of [',', ';'] as const)
    for (const row of readCsv(text, sep))
      for (const cell of row)
        for (const piece of cell.split(/[;,\r\n]/)) if (looksLikeFormula(piece)) found.push(piece);
  return found;
}
