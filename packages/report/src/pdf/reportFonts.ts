/**
 * The fonts the PDF embeds, committed under packages/report/fonts (SIL OFL, see OFL.txt
 * there) so that a machine without fonts still writes Khmer. Noto Sans Khmer has no Latin
 * letters, so text is split by script and each run gets the face that has its letters.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The four faces: Latin (and everything not Khmer) and Khmer, each regular and bold. */
export type FontFace = 'latin' | 'latinBold' | 'khmer' | 'khmerBold';

const FILES: Record<FontFace, string> = {
  latin: 'NotoSans-Regular.ttf',
  latinBold: 'NotoSans-Bold.ttf',
  khmer: 'NotoSansKhmer-Regular.ttf',
  khmerBold: 'NotoSansKhmer-Bold.ttf',
};

/** Every face, in a fixed order. */
export const FONT_FACES = Object.keys(FILES) as FontFace[];

/** The face for a run of text. */
export const faceFor = (khmer: boolean, bold: boolean): FontFace =>
  khmer ? (bold ? 'khmerBold' : 'khmer') : bold ? 'latinBold' : 'latin';

/** Absolute path of a face's TTF file. */
export const fontPath = (face: FontFace): string =>
  fileURLToPath(new URL(`../../fonts/${FILES[face]}`, import.meta.url));

const loaded = new Map<FontFace, Uint8Array>();

/** A face's TTF bytes, read once per process. */
export function fontBytes(face: FontFace): Uint8Array {
  let bytes = loaded.get(face);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(fontPath(face)));
    loaded.set(face, bytes);
  }
  return bytes;
}
