/**
 * Writes HarfBuzz-shaped glyphs into a pdfkit page as raw PDF text operators, each run
 * inside an ActualText span placed in the text object, so that copy, search and
 * `pdftotext` get the logical Unicode text back even where the glyphs are reordered
 * (Khmer pre-base vowels) or stacked (subscript consonants).
 *
 * pdfkit does the font embedding and subsetting; this module reaches into its embedded
 * font object (pdfkit 0.20, pinned) to register the glyph ids HarfBuzz chose.
 */
import type { ShapedGlyph } from './harfbuzzShaper.ts';
import type { FontFace } from './reportFonts.ts';

// The parts of pdfkit's EmbeddedFont used here.
interface EmbeddedFont {
  id: string;
  /** 1000 / units per em. */
  scale: number;
  font: { getGlyph(id: number): { advanceWidth: number; codePoints: number[] } };
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

/** A run of glyphs to draw: one face, size, colour and slant, and the text it stands for. */
export interface GlyphRun {
  face: FontFace;
  size: number;
  /** RGB, each 0-1. */
  color: [number, number, number];
  /** Horizontal shear for synthetic italics (0 for upright). */
  skew: number;
  glyphs: ShapedGlyph[];
  text: string;
  /** Pen position of the run's start on the baseline, in pdfkit's top-left coordinates. */
  x: number;
  y: number;
}

const number = (value: number): string => {
  const rounded = Math.round(value * 1000) / 1000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
};

// ActualText as a UTF-16BE hex string with a byte order mark.
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) {
    hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  }
  return hex;
}

/** The subset of pdfkit's document API the writer needs. */
export interface PdfkitDocument {
  font(name: string): unknown;
  addContent(data: string): unknown;
  page: { height: number; fonts: Record<string, unknown> };
}

/** Draws glyph runs on a pdfkit document whose fonts were registered under face names. */
export class GlyphWriter {
  private readonly fonts = new Map<FontFace, EmbeddedFont>();

  constructor(private readonly doc: PdfkitDocument) {}

  private embedded(face: FontFace): EmbeddedFont {
    let font = this.fonts.get(face);
    if (!font) {
      this.doc.font(face);
      font = (this.doc as unknown as { _font: EmbeddedFont })._font;
      if (typeof font?.subset?.includeGlyph !== 'function') {
        throw new Error('pdfkit changed its font internals; GlyphWriter needs updating.');
      }
      this.fonts.set(face, font);
    }
    return font;
  }

  // Registers a glyph in the subset and returns its id there.
  private subsetId(font: EmbeddedFont, id: number): number {
    const subsetId = font.subset.includeGlyph(id);
    if (font.widths[subsetId] === undefined) {
      const glyph = font.font.getGlyph(id);
      font.widths[subsetId] = glyph.advanceWidth * font.scale;
      font.unicode[subsetId] = glyph.codePoints;
    }
    return subsetId;
  }

  /** Draws the runs of one line. */
  writeLine(runs: GlyphRun[]): void {
    if (runs.length === 0) return;
    const { doc } = this;
    // pdfkit flips the page to a top-left origin; text needs PDF's own orientation back.
    const out: string[] = [`q 1 0 0 -1 0 ${number(doc.page.height)} cm`];
    for (const run of runs) {
      const font = this.embedded(run.face);
      doc.page.fonts[font.id] ??= font.ref();
      const k = run.size / 1000;
      const baseline = doc.page.height - run.y;
      const matrix = (x: number, y: number) =>
        `1 0 ${number(run.skew)} 1 ${number(x)} ${number(y)} Tm`;
      out.push('BT', `/${font.id} ${number(run.size)} Tf`, `${run.color.map(number).join(' ')} rg`);
      out.push(`/Span <</ActualText <${utf16Hex(run.text)}>>> BDC`);
      out.push(matrix(run.x, baseline));
      let pen = 0;
      let array: string[] = [];
      const flush = () => {
        if (array.length > 0) out.push(`[${array.join(' ')}] TJ`);
        array = [];
      };
      for (const glyph of run.glyphs) {
        const id = this.subsetId(font, glyph.id);
        const hex = `<${id.toString(16).padStart(4, '0')}>`;
        const advance = glyph.xAdvance * font.scale;
        const width = font.widths[id] ?? 0;
        if (glyph.xOffset !== 0 || glyph.yOffset !== 0) {
          // A mark placed off the pen (Khmer vowels and subscripts): its own position.
          flush();
          const x = run.x + (pen + glyph.xOffset * font.scale) * k;
          out.push(matrix(x, baseline + glyph.yOffset * font.scale * k), `${hex} Tj`);
          pen += advance;
          out.push(matrix(run.x + pen * k, baseline));
        } else {
          array.push(hex);
          // TJ advances by the width in the font's table; correct it to HarfBuzz's advance.
          if (Math.abs(width - advance) > 0.001) array.push(number(width - advance));
          pen += advance;
        }
      }
      flush();
      out.push('EMC', 'ET');
    }
    out.push('Q');
    doc.addContent(out.join('\n'));
  }
}
