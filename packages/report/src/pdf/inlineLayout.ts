/**
 * Lays a block's inline runs out in lines of a given width: split by script (each script
 * has its face), shaped by HarfBuzz, and broken only where `breakOpportunities` allows.
 */
import { type InlineRun, LINE_BREAK } from '../inlineRuns.ts';
import type { ShapedGlyph, Shaper } from './harfbuzzShaper.ts';
import { breakOpportunities } from './lineBreaks.ts';
import { type FontFace, faceFor } from './reportFonts.ts';
import { scriptRuns } from './scriptRuns.ts';

/** RGB, each 0-1. */
export type Rgb = [number, number, number];

/** How a run looks on the page, beyond its face. */
export interface RunLook {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  color: Rgb;
  link: string | null;
}

/** Text set in one face and look, placed on a line. */
export interface LineFragment {
  face: FontFace;
  look: RunLook;
  text: string;
  glyphs: ShapedGlyph[];
  /** Offset from the line's start, in points. */
  x: number;
  width: number;
}

/** One laid-out line. */
export interface TextLine {
  fragments: LineFragment[];
  /** The type size, in points. */
  size: number;
  height: number;
  /** Distance from the line's top to its baseline. */
  baseline: number;
}

/** The type size and line spacing of a block. */
export interface BlockType {
  size: number;
  /** Line height as a multiple of the size; Khmer's stacked marks need generous lines. */
  leading: number;
}

// Where the baseline sits in a line, as a multiple of the size: Noto's ascender is 1.069 em.
const BASELINE = 1.12;

interface Piece {
  face: FontFace;
  look: RunLook;
  text: string;
  glyphs: ShapedGlyph[];
  width: number;
  space: boolean;
}

interface Word {
  pieces: Piece[];
  /** Width without trailing spaces, which hang past the line's end. */
  inkWidth: number;
  width: number;
  forcedBreak: boolean;
}

/** Lays inline runs out in lines no wider than `width` (a word wider than that overflows). */
export function layoutInline(
  runs: InlineRun[],
  lookOf: (run: InlineRun) => RunLook,
  type: BlockType,
  width: number,
  shaper: Shaper,
): TextLine[] {
  const text = runs.map((run) => run.text).join('');
  const runAt: number[] = [];
  runs.forEach((run, index) => {
    for (let i = 0; i < run.text.length; i++) runAt.push(index);
  });
  const piece = (runIndex: number, slice: string, khmer: boolean, space: boolean): Piece => {
    const run = runs[runIndex] as InlineRun;
    const look = lookOf(run);
    const face = faceFor(khmer, look.bold);
    const shaped = shaper.shape(face, slice);
    const scale = type.size / shaper.unitsPerEm(face);
    return { face, look, text: slice, glyphs: shaped.glyphs, width: shaped.advance * scale, space };
  };
  const words: Word[] = [];
  let start = 0;
  for (const end of breakOpportunities(text)) {
    words.push(wordOf(text, start, end, runAt, piece));
    start = end;
  }
  return fillLines(words, type, width);
}

function wordOf(
  text: string,
  start: number,
  end: number,
  runAt: number[],
  piece: (runIndex: number, slice: string, khmer: boolean, space: boolean) => Piece,
): Word {
  const pieces: Piece[] = [];
  let forcedBreak = false;
  let from = start;
  // One piece per stretch of one run; hard breaks end the word.
  while (from < end) {
    const runIndex = runAt[from] ?? 0;
    let to = from;
    while (to < end && runAt[to] === runIndex) to++;
    const slice = text.slice(from, to);
    if (slice === LINE_BREAK) {
      forcedBreak = true;
    } else {
      for (const run of scriptRuns(slice)) {
        const trimmed = run.text.trimEnd();
        if (trimmed) pieces.push(piece(runIndex, trimmed, run.khmer, false));
        if (trimmed.length < run.text.length) {
          pieces.push(piece(runIndex, run.text.slice(trimmed.length), run.khmer, true));
        }
      }
    }
    from = to;
  }
  let width = 0;
  let inkWidth = 0;
  for (const p of pieces) {
    width += p.width;
    if (!p.space) inkWidth = width;
  }
  return { pieces, inkWidth, width, forcedBreak };
}

function fillLines(words: Word[], type: BlockType, width: number): TextLine[] {
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  for (const word of words) {
    if (line.length > 0 && used + word.inkWidth > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    line.push(...word.pieces);
    used += word.width;
    if (word.forcedBreak) {
      lines.push(line);
      line = [];
      used = 0;
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((pieces) => textLine(pieces, type));
}

const sameLook = (a: RunLook, b: RunLook): boolean =>
  a.bold === b.bold &&
  a.italic === b.italic &&
  a.underline === b.underline &&
  a.strike === b.strike &&
  a.link === b.link &&
  a.color.join() === b.color.join();

// Trailing spaces are dropped; neighbouring pieces that look the same become one fragment,
// so a line is drawn (and copied) in as few runs as its styles allow.
function textLine(pieces: Piece[], type: BlockType): TextLine {
  let last = pieces.length;
  while (last > 0 && pieces[last - 1]?.space) last--;
  const fragments: LineFragment[] = [];
  let x = 0;
  for (const p of pieces.slice(0, last)) {
    const previous = fragments[fragments.length - 1];
    if (previous && previous.face === p.face && sameLook(previous.look, p.look)) {
      previous.text += p.text;
      previous.glyphs = previous.glyphs.concat(p.glyphs);
      previous.width += p.width;
    } else {
      fragments.push({
        face: p.face,
        look: p.look,
        text: p.text,
        glyphs: p.glyphs,
        x,
        width: p.width,
      });
    }
    x += p.width;
  }
  return {
    fragments,
    size: type.size,
    height: type.size * type.leading,
    baseline: type.size * BASELINE,
  };
}
