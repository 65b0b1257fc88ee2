// RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as authenticator apps compute it: lets tests play the phone.
import { createHmac } from 'node:crypto';

function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = input.replace(/=+$/, '').toUpperCase().replace(/\s+/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = alphabet.indexOf(ch);
    if (idx < 0) throw new Error(`bad base32 character ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totp(secretBase32: string, now = Date.now(), step = 30, digits = 6): string {
  const counter = Math.floor(now / 1000 / step);
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac('sha1', base32Decode(secretBase32)).update(buf).digest();
  const offset = hmac[hmac.length - 1]! & 0x0f;
  const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(code).padStart(digits, '0');
}

/** The secret from an otpauth:// URI. */
export function secretFromUri(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) throw new Error('no secret in otpauth URI');
  return secret;
}

const decodeHtml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');

/** The otpauth:// URI shown on the enrolment page. */
export const uriOf = (html: string) => decodeHtml(/id="totp-uri">([^<]+)</.exec(html)?.[1] ?? '');
/** The key for manual entry shown on the enrolment page (grouped in fours). */
export const keyOf = (html: string) => /id="totp-secret">([^<]+)</.exec(html)?.[1] ?? '';
/** The backup codes listed on a page. */
export const backupCodesOf = (html: string) =>
  [...html.matchAll(/<code class="govuk-!-font-size-24">([A-Za-z0-9]{5}-[A-Za-z0-9]{5})<\/code>/g)].map(
    (m) => m[1]!,
  );

/** A code that is not valid now (nor in the neighbouring windows the server accepts). */
export function wrongCode(secret: string): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totp(secret, Date.now() + d)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

/**
 * The code the app will show in the next 30-second window. The server accepts it now (one window
 * of clock drift either way) and, unlike the current code, it has not been used yet in this test.
 */
export const nextCode = (secret: string) => totp(secret, Date.now() + 30_000);
