// The attendance certificate of a series as a PDF (platform/pdf.ts): the person's name, the series'
// title, the sessions attended with their dates (Europe/Warsaw), the organisers, the date of issue
// and the code with the address that verifies it. In the reader's language.
import { pick } from '../../platform/content.ts';
import { formatDateTime, type Locale, type Messages } from '../../platform/i18n/index.ts';
import { pdfDocument } from '../../platform/pdf.ts';
import type { Certificate } from './service/series.ts';
import { seriesTitle, verifyPath } from './views/series.tsx';
import { whenText } from './views/shared.tsx';

export async function certificatePdf(
  cert: Certificate,
  opts: { organisers: string[]; t: Messages; locale: Locale; baseUrl: string },
): Promise<Uint8Array> {
  const { t, locale } = opts;
  const s = t.eventSeries;
  const title = pick(seriesTitle(cert.series), locale).text;
  return pdfDocument({
    title: `${s.pdfTitle}: ${title}`,
    language: locale,
    createdAt: cert.issuedAt,
    blocks: [
      { kind: 'title', text: s.pdfTitle },
      { kind: 'text', text: s.certifies },
      { kind: 'heading', text: cert.name },
      { kind: 'text', text: s.tookPart },
      { kind: 'heading', text: title },
      { kind: 'space' },
      { kind: 'text', text: s.attendedHeading, bold: true },
      ...cert.sessions.map((x) => ({
        kind: 'text' as const,
        text: `• ${pick(x.title, locale).text} — ${whenText(locale, x.startsAt, x.endsAt)}`,
      })),
      { kind: 'space' },
      ...(opts.organisers.length
        ? [{ kind: 'text' as const, text: `${s.organiser}: ${opts.organisers.join(', ')}` }]
        : []),
      { kind: 'text', text: `${s.issued}: ${formatDateTime(locale, cert.issuedAt, 'date')}` },
      { kind: 'space' },
      { kind: 'small', text: `${s.code}: ${cert.code}` },
      { kind: 'small', text: `${s.verifyAt} ${opts.baseUrl}${verifyPath(cert.code)}` },
    ],
  });
}
