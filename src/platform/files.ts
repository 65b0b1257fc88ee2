// Uploaded files are checked by their content (magic bytes), never by the name or the declared type.
import { foldName } from './fold.ts';
import { RuleError } from './http/errors.ts';

export type FileKind = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'application/pdf';

const signatures: Array<{ kind: FileKind; test: (b: Buffer) => boolean }> = [
  {
    kind: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { kind: 'image/jpeg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { kind: 'image/gif', test: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  {
    kind: 'image/webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { kind: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** The real type of the content, or null when it is none we accept. */
export function sniffFileKind(content: Buffer): FileKind | null {
  return signatures.find((s) => s.test(content))?.kind ?? null;
}

/**
 * Accepts an uploaded file if its content is one of `allowed` and not larger than `maxBytes`;
 * otherwise throws a RuleError for the form field (`fileType` or `fileTooLarge`).
 */
export function acceptUpload(
  field: string,
  content: Buffer,
  allowed: FileKind[],
  maxBytes: number,
): FileKind {
  if (content.length === 0) throw new RuleError('required', field);
  if (content.length > maxBytes) throw new RuleError('fileTooLarge', field, 413);
  const kind = sniffFileKind(content);
  if (!kind || !allowed.includes(kind)) throw new RuleError('fileType', field, 415);
  return kind;
}

/**
 * The Content-Disposition of a file sent for download under a name made from text someone wrote
 * (a title): `attachment`, an ASCII name (accents folded, anything else a hyphen) for old clients and
 * the full name in UTF-8 (RFC 6266, RFC 8187). Neither can carry a quote, a path or a line break.
 */
export function downloadDisposition(name: string, extension: string): string {
  const base =
    [...name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"\\/:*?<>|]+/gu, ' ').trim()].slice(0, 80).join('').trim() ||
    'plik';
  const ascii =
    foldName(base)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '') || 'plik';
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${base}.${extension}`).replace(/['()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
