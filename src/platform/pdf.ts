// Documents as PDF (certificates, and the receipts and letters to come): pdf-lib with the DejaVu Sans
// font embedded (npm `dejavu-fonts-ttf`; Bitstream Vera licence, free to embed and redistribute),
// subset to the letters used, so Polish and Ukrainian text prints as typed. A document is a list of
// blocks — a title, paragraphs, small print — laid out top to bottom on A4 pages, wrapped to width.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';

export type PdfBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; bold?: boolean }
  | { kind: 'small'; text: string }
  | { kind: 'space' };

export interface PdfDocumentInput {
  /** The document's title in its properties (what a PDF reader shows in its title bar). */
  title: string;
  /** The language of its text (pl, en, uk). */
  language: string;
  /** When it was made (from the clock). */
  createdAt: Date;
  blocks: PdfBlock[];
}

let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;
/** The font files, read once. */
function fontFiles() {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const at = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
    fonts = Promise.all([readFile(at('DejaVuSans.ttf')), readFile(at('DejaVuSans-Bold.ttf'))]).then(
      ([regular, bold]) => ({ regular, bold }),
    );
  }
  return fonts;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 64;
const STYLES = {
  title: { size: 22, gap: 18, bold: true },
  heading: { size: 14, gap: 10, bold: true },
  text: { size: 11, gap: 6, bold: false },
  small: { size: 9, gap: 4, bold: false },
} as const;

/** The text broken into lines no wider than `width` at that size (long words are left whole). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/** The document as PDF bytes. */
export async function pdfDocument(input: PdfDocumentInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const files = await fontFiles();
  const regular = await doc.embedFont(files.regular, { subset: true });
  const bold = await doc.embedFont(files.bold, { subset: true });
  doc.setTitle(input.title);
  doc.setLanguage(input.language);
  doc.setCreator('Klaster');
  doc.setProducer('Klaster (pdf-lib)');
  doc.setCreationDate(input.createdAt);
  doc.setModificationDate(input.createdAt);
  const width = A4[0] - 2 * MARGIN;
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  for (const block of input.blocks) {
    if (block.kind === 'space') {
      y -= 14;
      continue;
    }
    const style = STYLES[block.kind];
    const font = style.bold || (block.kind === 'text' && block.bold) ? bold : regular;
    for (const line of wrap(block.text, font, style.size, width)) {
      if (y - style.size < MARGIN) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      y -= style.size * 1.25;
      page.drawText(line, { x: MARGIN, y, size: style.size, font, color: rgb(0.1, 0.1, 0.1) });
    }
    y -= style.gap;
  }
  return doc.save();
}
