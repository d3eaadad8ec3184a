/**
 * Pages of the PDF report: a pdfkit document with the report's faces, and the flow of
 * laid-out items onto as many A4 pages as they need (where each goes: pagination.ts).
 */
import PDFDocument from 'pdfkit';
import { type GlyphRun, GlyphWriter, type PdfkitDocument } from './GlyphWriter.ts';
import type { Shaper } from './harfbuzzShaper.ts';
import type { Rgb, TextLine } from './inlineLayout.ts';
import { type FlowItem as PageItem, paginate } from './pagination.ts';
import { FONT_FACES, fontBytes } from './reportFonts.ts';

/** Something laid out that takes vertical space and draws itself on the pages once placed. */
export type FlowItem = PageItem<PdfPages>;

// A4 in points, with margins that leave room for a footer.
const PAGE = { width: 595.28, height: 841.89, top: 64, bottom: 72, side: 64 };
const FOOTER_SIZE = 9;
const GREY: Rgb = [0.4, 0.4, 0.4];

/** The report's pages and the drawing primitives the layout uses. */
export class PdfPages {
  readonly left = PAGE.side;
  readonly width = PAGE.width - 2 * PAGE.side;
  private readonly doc: PDFKit.PDFDocument;
  private readonly writer: GlyphWriter;
  private readonly chunks: Uint8Array[] = [];
  private readonly done: Promise<void>;
  private pageCount = 0;

  constructor(
    private readonly shaper: Shaper,
    title: string,
  ) {
    this.doc = new PDFDocument({
      size: [PAGE.width, PAGE.height],
      margin: 0,
      autoFirstPage: false,
      info: { Title: title, Creator: 'Plenary' },
      displayTitle: true,
    });
    for (const face of FONT_FACES) this.doc.registerFont(face, Buffer.from(fontBytes(face)));
    this.writer = new GlyphWriter(this.doc as unknown as PdfkitDocument);
    this.doc.on('data', (chunk: Uint8Array) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    this.newPage();
  }

  /** Starts a new page (numbered in the footer from the second page on). */
  newPage(): void {
    this.doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    this.pageCount++;
    if (this.pageCount > 1) this.drawFooter(String(this.pageCount));
  }

  private drawFooter(label: string): void {
    const shaped = this.shaper.shape('latin', label);
    const width = (shaped.advance * FOOTER_SIZE) / this.shaper.unitsPerEm('latin');
    this.writer.writeLine([
      {
        face: 'latin',
        size: FOOTER_SIZE,
        color: GREY,
        skew: 0,
        glyphs: shaped.glyphs,
        text: label,
        x: (PAGE.width - width) / 2,
        y: PAGE.height - PAGE.bottom / 2,
      },
    ]);
  }

  /** Places items one after another on the pages `paginate` gives them, starting pages as needed. */
  flow(items: FlowItem[]): void {
    const firstPage = this.pageCount - 1;
    for (const { item, page, top } of paginate(items, {
      top: PAGE.top,
      bottom: PAGE.height - PAGE.bottom,
    })) {
      while (this.pageCount - 1 < firstPage + page) this.newPage();
      item.draw(this, top);
    }
  }

  /** Draws a laid-out line with its left edge at `x` and its top at `top`. */
  drawLine(line: TextLine, x: number, top: number): void {
    const baseline = top + line.baseline;
    const runs: GlyphRun[] = line.fragments.map((fragment) => ({
      face: fragment.face,
      size: line.size,
      color: fragment.look.color,
      skew: fragment.look.italic ? 0.2 : 0,
      glyphs: fragment.glyphs,
      text: fragment.text,
      x: x + fragment.x,
      y: baseline,
    }));
    this.writer.writeLine(runs);
    for (const fragment of line.fragments) {
      const left = x + fragment.x;
      const { look } = fragment;
      if (look.underline)
        this.rule(left, baseline + line.size * 0.12, fragment.width, look.color, line.size * 0.05);
      if (look.strike)
        this.rule(left, baseline - line.size * 0.3, fragment.width, look.color, line.size * 0.05);
      if (look.link) this.doc.link(left, top, fragment.width, line.height, look.link);
    }
  }

  /** A horizontal line. */
  rule(x: number, y: number, width: number, color: Rgb, thickness: number): void {
    this.doc
      .save()
      .lineWidth(thickness)
      .strokeColor(color.map((c) => c * 255) as [number, number, number])
      .moveTo(x, y)
      .lineTo(x + width, y)
      .stroke()
      .restore();
  }

  /** A rectangle, filled and/or outlined. */
  rect(
    x: number,
    y: number,
    width: number,
    height: number,
    fill: Rgb | null,
    stroke: Rgb | null,
  ): void {
    const doc = this.doc.save().lineWidth(0.5).rect(x, y, width, height);
    const rgb = (c: Rgb) => c.map((v) => v * 255) as [number, number, number];
    if (fill && stroke) doc.fillAndStroke(rgb(fill), rgb(stroke));
    else if (fill) doc.fill(rgb(fill));
    else if (stroke) doc.stroke(rgb(stroke));
    doc.restore();
  }

  /** Ends the document and returns its bytes. */
  async finish(): Promise<Uint8Array> {
    this.doc.end();
    await this.done;
    return new Uint8Array(Buffer.concat(this.chunks));
  }
}
