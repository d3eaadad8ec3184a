/**
 * Word styles and list numbering of the DOCX report. Khmer is a complex script to Word, so
 * every size and weight is set for complex scripts too, and Khmer text gets its own font.
 */
import {
  AlignmentType,
  type ILevelsOptions,
  type INumberingOptions,
  type IStylesOptions,
  LevelFormat,
} from 'docx';

/** Half-points: Word sizes text in halves of a point. */
const BODY_SIZE = 21;
const FONT = {
  ascii: 'Noto Sans',
  hAnsi: 'Noto Sans',
  eastAsia: 'Noto Sans',
  cs: 'Noto Sans Khmer',
};

/** The numbering reference of bullet lists. */
export const BULLET_REFERENCE = 'bullets';
/** The numbering reference of numbered lists that start at `start`. */
export const orderedReference = (start: number): string => `numbered-from-${start}`;

/** Left indent of list text at `level` (0-8), in twentieths of a point. */
export const listIndent = (level: number): number => 720 * (level + 1);
const HANGING = 360;

const BULLETS = ['•', '◦', '▪'];
const NUMBER_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];

function levels(make: (level: number) => Pick<ILevelsOptions, 'format' | 'text' | 'start'>) {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    alignment: AlignmentType.LEFT,
    ...make(level),
    style: { paragraph: { indent: { left: listIndent(level), hanging: HANGING } } },
  }));
}

/** Numbering definitions: bullets, and one numbered list per start value in use. */
export function numbering(orderedStarts: Iterable<number>): INumberingOptions {
  return {
    config: [
      {
        reference: BULLET_REFERENCE,
        levels: levels((level) => ({
          format: LevelFormat.BULLET,
          text: BULLETS[level % BULLETS.length] ?? '•',
        })),
      },
      ...[...orderedStarts].map((start) => ({
        reference: orderedReference(start),
        levels: levels((level) => ({
          format: NUMBER_FORMATS[level % NUMBER_FORMATS.length] ?? LevelFormat.DECIMAL,
          text: `%${level + 1}.`,
          start: level === 0 ? start : 1,
        })),
      })),
    ],
  };
}

const heading = (size: number, before: number) => ({
  run: { size, sizeComplexScript: size, bold: true, boldComplexScript: true, color: '1F3864' },
  paragraph: { spacing: { before, after: 120 }, keepNext: true },
});

/** Paragraph and character styles of the report. */
export const REPORT_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: BODY_SIZE, sizeComplexScript: BODY_SIZE },
      paragraph: { spacing: { after: 120, line: 300 } },
    },
    title: heading(48, 2400),
    heading1: heading(32, 360),
    heading2: heading(27, 280),
    heading3: heading(24, 240),
    heading4: heading(22, 200),
  },
};
