import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface StoredMail {
  file: string;
  to: string;
  subject: string;
  raw: string;
  /** First http(s) link in the plain-text part. */
  links: string[];
}

function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

export function readMailDir(dataDir: string): StoredMail[] {
  const dir = path.join(dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => {
      const raw = readFileSync(path.join(dir, file), 'utf8');
      const to = /^To: (.+)$/m.exec(raw)?.[1]?.trim() ?? '';
      const subjectRaw = /^Subject: (.+(?:\n\s+.+)*)$/m.exec(raw)?.[1] ?? '';
      const subject = decodeMimeWords(subjectRaw.replace(/\n\s+/g, ' '));
      const body = Buffer.from(decodeQuotedPrintable(raw), 'latin1').toString('utf8');
      const links = [...body.matchAll(/https?:\/\/[^\s"<>]+/g)].map((m) => m[0].replace(/&amp;/g, '&'));
      return { file, to, subject, raw: body, links };
    });
}

function decodeMimeWords(s: string): string {
  return s.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(decodeQuotedPrintable(text.replace(/_/g, ' ')), 'latin1').toString('utf8'),
  );
}
