import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CSV_BOM, csvDocument, csvField, csvRow } from './csv.ts';

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
