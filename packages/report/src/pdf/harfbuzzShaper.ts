/**
 * Text shaping with HarfBuzz (compiled to WebAssembly by harfbuzzjs). fontkit, which pdfkit
 * uses on its own, gets Khmer wrong (ូ after ្រ in គ្រូ and ត្រូវ takes the wrong form);
 * HarfBuzz gives the glyphs and positions that Chromium draws.
 */
import { type FontFace, fontBytes } from './reportFonts.ts';

/** One glyph of shaped text; distances in font units. */
export interface ShapedGlyph {
  /** Glyph id in the font. */
  id: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** Shaped text: its glyphs and its total advance in font units. */
export interface ShapedText {
  glyphs: ShapedGlyph[];
  advance: number;
}

/** Shapes text in one of the report's faces. */
export interface Shaper {
  shape(face: FontFace, text: string): ShapedText;
  /** Font units per em of a face. */
  unitsPerEm(face: FontFace): number;
}

type HarfBuzz = typeof import('harfbuzzjs');

let harfbuzz: Promise<HarfBuzz> | null = null;

// Loaded on first use: the WebAssembly module is only needed for PDFs.
const loadHarfBuzz = (): Promise<HarfBuzz> => {
  harfbuzz ??= import('harfbuzzjs');
  return harfbuzz;
};

/** A shaper over the report's faces; results are cached, as plans repeat their words. */
export async function createShaper(): Promise<Shaper> {
  const hb = await loadHarfBuzz();
  const fonts = new Map<FontFace, { font: InstanceType<HarfBuzz['Font']>; upem: number }>();
  const fontOf = (face: FontFace) => {
    let entry = fonts.get(face);
    if (!entry) {
      const blobFace = new hb.Face(new hb.Blob(fontBytes(face)));
      entry = { font: new hb.Font(blobFace), upem: blobFace.upem };
      fonts.set(face, entry);
    }
    return entry;
  };
  const cache = new Map<string, ShapedText>();
  return {
    shape(face, text) {
      const key = `${face}\u0000${text}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const buffer = new hb.Buffer();
      buffer.addText(text);
      buffer.guessSegmentProperties();
      hb.shape(fontOf(face).font, buffer);
      const infos = buffer.getGlyphInfos();
      const positions = buffer.getGlyphPositions();
      let advance = 0;
      const glyphs = infos.map((info, i) => {
        const position = positions[i];
        const xAdvance = position?.xAdvance ?? 0;
        advance += xAdvance;
        return {
          id: info.codepoint,
          xAdvance,
          xOffset: position?.xOffset ?? 0,
          yOffset: position?.yOffset ?? 0,
        };
      });
      const shaped = { glyphs, advance };
      cache.set(key, shaped);
      return shaped;
    },
    unitsPerEm: (face) => fontOf(face).upem,
  };
}
