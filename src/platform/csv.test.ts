import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formulaCells, readCsv } from '../../test/support/csv.ts';
import { CSV_BOM, csvDialectOf, csvDocument, csvField, csvRow, decimal, excelHref } from './csv.ts';

describe('CSV (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    assert.equal(csvField('Zabłocie 20, Kraków'), '"Zabłocie 20, Kraków"');
    assert.equal(csvField('powiedział "tak"'), '"powiedział ""tak"""');
    assert.equal(csvField('dwie\nlinie'), '"dwie\nlinie"');
    assert.equal(csvField('zwykły tekst'), 'zwykły tekst');
    assert.equal(csvField(null), '');
  });

  it('ends rows with CRLF', () => {
    assert.equal(csvRow(['a', 'b', 3]), 'a,b,3\r\n');
  });

  it('neutralises spreadsheet formulas', () => {
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvField('+48 12 616 12 34'), "'+48 12 616 12 34");
    assert.equal(csvField('@cmd'), "'@cmd");
  });

  it('neutralises a formula after a semicolon or a comma inside a field, and quotes fields with semicolons', () => {
    // Polish Excel splits on ";": an unquoted "Nowak;=1+1" would become two cells, one a formula.
    assert.equal(csvField('Nowak;=1+1'), `"Nowak;'=1+1"`);
    assert.equal(csvField('Nowak, -2+3'), `"Nowak, '-2+3"`);
    assert.equal(csvField('a;\t=b'), `"a;\t'=b"`);
    assert.equal(csvField('a;"=b"'), `"a;""'=b"""`);
    assert.equal(csvField(' =1+1'), `" '=1+1"`);
    assert.equal(csvField('pierwsza\r\n=2+2'), `"pierwsza\r\n'=2+2"`);
    assert.equal(csvField('\tx'), `'\tx`);
    assert.equal(csvField('tylko;średnik'), '"tylko;średnik"');
    assert.equal(csvField('Kowalska-Nowak'), 'Kowalska-Nowak', 'a hyphen inside a word is no formula');
    assert.equal(csvField('J. Kowalski; Zabłocie 20'), '"J. Kowalski; Zabłocie 20"');
  });

  it('keeps numbers as numbers (a negative number is not text that could run)', () => {
    assert.equal(csvField(-5), '-5');
    assert.equal(csvField(12.5), '12.5');
  });

  it('no cell of any document reads as a formula with either separator, and only apostrophes are added', () => {
    const risky = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      ';',
      ',',
      '"',
      ' ',
      "'",
      'a',
      'ż',
      '1',
    );
    const text = fc.oneof(
      fc.string({ unit: risky, maxLength: 12 }),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    const dialect = fc.constantFrom('rfc4180' as const, 'excel' as const);
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { maxLength: 4 }),
        dialect,
        (rows, d) => {
          const doc = csvDocument(['a', 'b'], rows, d);
          assert.deepEqual(formulaCells(doc, d === 'excel' ? ';' : ','), [], JSON.stringify(doc));
          // Read on the dialect's separator (a comma for RFC 4180, a semicolon as Polish Excel
          // does), every field is one cell again, changed only by apostrophes.
          const read = readCsv(doc, d === 'excel' ? ';' : ',').slice(1);
          assert.equal(read.length, rows.length, JSON.stringify(doc));
          rows.forEach((row, r) => {
            assert.equal(read[r]!.length, row.length);
            row.forEach((value, c) => {
              assert.equal(read[r]![c]!.replaceAll("'", ''), value.replaceAll("'", ''));
            });
          });
          for (const value of rows.flat())
            if (value.includes(';')) assert.ok(csvField(value).startsWith('"'), `quoted: ${value}`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('writes a whole document with a byte-order mark, header and rows', () => {
    const doc = csvDocument(
      ['Biurko', 'Zajętość'],
      [
        ['B-12, okno', 75],
        ['B-13', null],
      ],
    );
    assert.equal(doc, `${CSV_BOM}Biurko,Zajętość\r\n"B-12, okno",75\r\nB-13,\r\n`);
    assert.equal(csvDocument(['a'], []), `${CSV_BOM}a\r\n`);
  });
});

describe('CSV as Polish Excel reads it', () => {
  it('separates with semicolons, writes a decimal comma and ends rows with CRLF after a BOM', () => {
    const doc = csvDocument(
      ['Sala', 'Godziny', 'Udział %'],
      [
        ['Sala B2B, parter', 7.5, decimal(12.25, 1)],
        ['Biurko', decimal(1234.5, 2), -3],
      ],
      'excel',
    );
    assert.equal(
      doc,
      `${CSV_BOM}Sala;Godziny;Udział %\r\n"Sala B2B, parter";7,5;12,3\r\nBiurko;1234,50;-3\r\n`,
    );
    const rows = readCsv(doc, ';');
    assert.deepEqual(rows[1], ['Sala B2B, parter', '7,5', '12,3']);
    assert.ok(
      rows.every((r) => r.length === 3),
      'each value in its own column',
    );
  });

  it('writes instants as Warsaw time to the minute, and as ISO 8601 UTC for programs', () => {
    const at = new Date('2026-12-02T13:30:45Z');
    assert.equal(csvField(at, 'excel'), '2026-12-02 14:30');
    assert.equal(csvField(new Date('2026-07-01T12:05:00Z'), 'excel'), '2026-07-01 14:05', 'summer time');
    assert.equal(csvField(at), '2026-12-02T13:30:45.000Z');
  });

  it('keeps the decimal point and fixed decimals in the RFC 4180 file', () => {
    assert.equal(csvRow([7.5, decimal(3, 2)]), '7.5,3.00\r\n');
  });

  it('neutralises formulas in the Excel file too', () => {
    assert.equal(csvField('=1+1', 'excel'), "'=1+1");
    assert.equal(csvField('Nowak;=1+1', 'excel'), `"Nowak;'=1+1"`);
  });

  it('is asked for with format=excel', () => {
    assert.equal(csvDialectOf({ format: 'excel' }), 'excel');
    assert.equal(csvDialectOf({ format: 'x' }), 'rfc4180');
    assert.equal(csvDialectOf(undefined), 'rfc4180');
    assert.equal(excelHref('/a.csv'), '/a.csv?format=excel');
    assert.equal(excelHref('/a.csv?od=1'), '/a.csv?od=1&format=excel');
  });
});
