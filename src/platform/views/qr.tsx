// QR codes drawn on the server as inline SVG (the `qrcode` library), so they show without
// JavaScript. The SVG is an image with a text alternative; pages also print what it encodes as
// text beside it, for people who cannot scan it.
import QRCode from 'qrcode';
import { escapeHtml } from '../escape.ts';

/** The SVG markup of a QR code for `text`, labelled `label` for assistive technology. */
export async function qrSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" `);
}

/** A QR code for `text` as a PNG, base64 (for a mail attachment: mail programs do not show SVG). */
export async function qrPngBase64(text: string): Promise<string> {
  const url = await QRCode.toDataURL(text, {
    type: 'image/png',
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: 6,
  });
  return url.slice(url.indexOf(',') + 1);
}

/** Shows an SVG made by qrSvg (computed before rendering: drawing it is asynchronous). */
export function QrCode({ svg }: { svg: string }) {
  return <div class="klaster-qr" dangerouslySetInnerHTML={{ __html: svg }} />;
}
