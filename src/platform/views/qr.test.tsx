import assert from 'node:assert/strict';
import { test } from 'node:test';
import { qrSvg } from './qr.tsx';

test('a QR code is an inline SVG image with its label escaped', async () => {
  const svg = await qrSvg('otpauth://totp/Klaster:anna?secret=ABC', 'Kod "QR" <dla> aplikacji & telefonu');
  assert.match(svg, /^<svg role="img" aria-label="Kod &quot;QR&quot; &lt;dla&gt; aplikacji &amp; telefonu" /);
  assert.match(svg, /<path [^>]*d="M/);
  assert.ok(!svg.includes('<script'));
});

test('different texts give different codes', async () => {
  assert.notEqual(await qrSvg('a', 'x'), await qrSvg('b', 'x'));
});
