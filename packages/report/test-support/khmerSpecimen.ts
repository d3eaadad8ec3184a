/**
 * The Khmer specimen that the PDF is checked against Chromium with: the same sentences in
 * the same font, size and place, once as a PDF page drawn by the report's own text
 * pipeline and once as an HTML page for Chromium (see makeKhmerReference.ts).
 */
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import { GlyphWriter, type PdfkitDocument } from '../src/pdf/GlyphWriter.ts';
import { createShaper } from '../src/pdf/harfbuzzShaper.ts';
import { fontBytes, fontPath } from '../src/pdf/reportFonts.ts';

/** Sentences with stacked subscripts (្រ ្ត ្ម), ូ after ្រ, pre-base vowels and ។. */
export const KHMER_SENTENCES = [
  'គ្រូបង្រៀនត្រូវរៀបចំផែនការសកម្មភាពជាតិ។',
  'ស្ត្រី និងកុមារត្រូវការកិច្ចការពារពិសេស។',
  'ក្រុមការងារទាំងបីបានពិភាក្សាអំពីការទប់ស្កាត់។',
];

/** Page geometry in points; the HTML page uses the same numbers in CSS pixels. */
export const SPECIMEN = { width: 520, lineGap: 44, x: 16, firstBaseline: 36, size: 20 };

/** The specimen page height. */
export const specimenHeight = (): number =>
  SPECIMEN.firstBaseline + SPECIMEN.lineGap * (KHMER_SENTENCES.length - 1) + 20;

const baselineOf = (index: number): number => SPECIMEN.firstBaseline + index * SPECIMEN.lineGap;

async function pdfBytes(draw: (doc: PDFKit.PDFDocument) => Promise<void>): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: [SPECIMEN.width, specimenHeight()], margin: 0 });
  doc.registerFont('khmer', Buffer.from(fontBytes('khmer')));
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on('end', resolve));
  await draw(doc);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** The specimen drawn as the report draws text: HarfBuzz glyphs with ActualText. */
export function specimenPdf(): Promise<Uint8Array> {
  return pdfBytes(async (doc) => {
    const shaper = await createShaper();
    const writer = new GlyphWriter(doc as unknown as PdfkitDocument);
    KHMER_SENTENCES.forEach((sentence, index) => {
      const shaped = shaper.shape('khmer', sentence);
      writer.writeLine([
        {
          face: 'khmer',
          size: SPECIMEN.size,
          color: [0, 0, 0],
          skew: 0,
          glyphs: shaped.glyphs,
          text: sentence,
          x: SPECIMEN.x,
          y: baselineOf(index),
        },
      ]);
    });
  });
}

/** The specimen drawn by pdfkit alone (fontkit shaping), the known-wrong way. */
export function specimenPdfWithoutHarfBuzz(): Promise<Uint8Array> {
  return pdfBytes(async (doc) => {
    doc.font('khmer').fontSize(SPECIMEN.size);
    // pdfkit positions a line by its top; Noto's ascender is 1.069 em.
    KHMER_SENTENCES.forEach((sentence, index) => {
      const top = baselineOf(index) - 1.069 * SPECIMEN.size;
      doc.text(sentence, SPECIMEN.x, top, { lineBreak: false });
    });
  });
}

/** The HTML page Chromium renders for the reference image; baselines are set by its script. */
export function specimenHtml(): string {
  const font = pathToFileURL(fontPath('khmer')).href;
  const lines = KHMER_SENTENCES.map(
    (sentence, index) =>
      `<div class="line" data-baseline="${baselineOf(index)}"><span class="probe"></span>${sentence}</div>`,
  ).join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
@font-face { font-family: "Specimen Khmer"; src: url("${font}") format("truetype"); }
html, body { margin: 0; background: #fff; }
body { width: ${SPECIMEN.width}px; height: ${specimenHeight()}px; position: relative; overflow: hidden; }
.line { position: absolute; left: ${SPECIMEN.x}px; white-space: nowrap; line-height: 1;
  font: ${SPECIMEN.size}px "Specimen Khmer"; color: #000; }
.probe { display: inline-block; width: 0; height: 0; vertical-align: baseline; }
</style></head><body>
${lines}
</body></html>`;
}
