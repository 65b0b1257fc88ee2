import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptUpload, sniffFileKind } from './files.ts';
import { RuleError } from './http/errors.ts';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1');

describe('uploads are judged by content', () => {
  it('recognises PNG and PDF by their magic bytes', () => {
    assert.equal(sniffFileKind(png), 'image/png');
    assert.equal(sniffFileKind(pdf), 'application/pdf');
  });

  it('refuses an HTML page renamed to .png', () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    assert.equal(sniffFileKind(html), null);
    assert.throws(
      () => acceptUpload('photo', html, ['image/png', 'image/jpeg'], 1000),
      (e) => e instanceof RuleError && e.code === 'fileType',
    );
  });

  it('refuses a file over the size limit and an empty one', () => {
    assert.throws(
      () => acceptUpload('photo', png, ['image/png'], 10),
      (e) => e instanceof RuleError && e.code === 'fileTooLarge',
    );
    assert.throws(
      () => acceptUpload('photo', Buffer.alloc(0), ['image/png'], 10),
      (e) => e instanceof RuleError && e.code === 'required',
    );
  });

  it('accepts an allowed type within the limit', () => {
    assert.equal(acceptUpload('doc', pdf, ['application/pdf'], 1000), 'application/pdf');
  });
});

describe('a download named after a title', () => {
  it('keeps the name in UTF-8 and gives old clients an ASCII one, with no quote, path or line break', async () => {
    const { downloadDisposition } = await import('./files.ts');
    assert.equal(
      downloadDisposition('Program „Zabłocie” (wersja 2)', 'pdf'),
      `attachment; filename="program-zablocie-wersja-2.pdf"; filename*=UTF-8''Program%20%E2%80%9EZab%C5%82ocie%E2%80%9D%20%28wersja%202%29.pdf`,
    );
    const evil = downloadDisposition('a"; filename="x.html\r\n/../../etc', 'pdf');
    assert.doesNotMatch(evil, /[\r\n]/);
    assert.match(
      evil,
      /^attachment; filename="a-filename-x\.html-\.\.-\.\.-etc\.pdf"; filename\*=UTF-8''[^"'\s;/]+\.pdf$/,
    );
    assert.match(downloadDisposition('   ', 'pdf'), /^attachment; filename="plik\.pdf"/);
  });
});
