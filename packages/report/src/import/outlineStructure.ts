/**
 * From a document's top-level blocks to a plan's sections, whatever the file format: which
 * headings mark sections, what becomes the plan's title, and how the headings inside a
 * section move up to the three levels a section body holds (2 to 4).
 */
import type { ImportProblem } from '@plenary/model';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { ImportError, type ImportedBody, type ImportedPlan } from './importTypes.ts';

/** A top-level block of a document, as the outline sees it. */
export type OutlineBlock =
  | { kind: 'heading'; level: number; text: string }
  /** A paragraph in the word processor's Title style. */
  | { kind: 'title'; text: string }
  | { kind: 'other' };

/** A document read by one format's reader, ready to be cut into sections. */
export interface OutlineDocument {
  blocks: OutlineBlock[];
  /**
   * Blocks `from` to `to` (exclusive) as a section body, each heading of level L made
   * level L - shift (and kept within 2 to 4); `where` names the section in problems.
   */
  body(
    from: number,
    to: number,
    shift: number,
    where: string | undefined,
  ): { doc: ProseMirrorNode; problems: ImportProblem[] };
  /** Problems that belong to the whole file rather than a section. */
  problems: ImportProblem[];
}

/** The title of the section that holds what comes before the first heading. */
export const INTRODUCTION_TITLE = 'Introduction';
/** The longest plan or section title, as the API accepts it. */
export const MAX_TITLE_LENGTH = 200;

const FIRST_BODY_HEADING = 2;
const LAST_BODY_HEADING = 4;

/** The level a heading of `level` takes in a section body once moved up by `shift`. */
export const bodyHeadingLevel = (level: number, shift: number): number =>
  Math.min(LAST_BODY_HEADING, Math.max(FIRST_BODY_HEADING, level - shift));

type Heading = { level: number; text: string; index: number };

function headingsOf(blocks: OutlineBlock[]): Heading[] {
  return blocks.flatMap((block, index) =>
    block.kind === 'heading' ? [{ level: block.level, text: block.text, index }] : [],
  );
}

const topLevel = (headings: Heading[]): number =>
  headings.reduce((top, heading) => Math.min(top, heading.level), Number.POSITIVE_INFINITY);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A heading's text as a title: one line, and no longer than the API allows, cut between
 * whole characters (a Khmer syllable with its subscript consonant stays whole).
 */
function titleOf(text: string, problems: ImportProblem[]): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= MAX_TITLE_LENGTH) return line;
  let cut = '';
  for (const { segment } of graphemes.segment(line)) {
    if (cut.length + segment.length > MAX_TITLE_LENGTH - 1) break;
    cut += segment;
  }
  const shortened = `${cut.trimEnd()}…`;
  problems.push({
    code: 'long-title',
    message: `The title "${shortened}" was longer than ${MAX_TITLE_LENGTH} characters and was shortened.`,
    where: shortened,
  });
  return shortened;
}

/** Reports headings that sit deeper than a section body can show. */
function deepHeadings(
  blocks: OutlineBlock[],
  from: number,
  to: number,
  shift: number,
  where: string | undefined,
): ImportProblem[] {
  const count = blocks
    .slice(from, to)
    .filter((block) => block.kind === 'heading' && block.level - shift > LAST_BODY_HEADING).length;
  if (count === 0) return [];
  return [
    {
      code: 'deep-heading',
      message: `${count} heading(s) were nested deeper than a section can show and became its smallest subheadings.`,
      count,
      ...(where === undefined ? {} : { where }),
    },
  ];
}

const hasText = (doc: ProseMirrorNode): boolean => doc.textContent.trim() !== '';

const noText = (): ImportError =>
  new ImportError('no-text', 'This file holds no text to import. Is it the right file?');

/** The body of blocks `from`..`to` and the problems met in it. */
function sectionBody(
  outline: OutlineDocument,
  range: { from: number; to: number; shift: number; where?: string },
): { doc: ProseMirrorNode; problems: ImportProblem[] } {
  const { from, to, shift, where } = range;
  const body = outline.body(from, to, shift, where);
  return {
    doc: body.doc,
    problems: [...body.problems, ...deepHeadings(outline.blocks, from, to, shift, where)],
  };
}

/**
 * Cuts an outline into a new plan. The highest heading level present marks sections
 * (usually Heading 1); lower ones become subheadings in them. The plan's title is the
 * paragraph in the Title style that opens the document or, failing that, a lone top heading that opens
 * the document and has lower headings under it; otherwise `fallbackTitle`. Text before
 * the first section heading becomes an "Introduction" section, so nothing is dropped.
 */
export function planFromOutline(
  outline: OutlineDocument,
  fallbackTitle: string,
  maxSections: number,
): ImportedPlan {
  const { blocks } = outline;
  const problems: ImportProblem[] = [];
  let headings = headingsOf(blocks);
  let title: string | null = null;
  let start = 0;
  const first = blocks[0];
  if (first?.kind === 'title' && first.text.trim() !== '') {
    title = first.text;
    start = 1;
  } else {
    const top = topLevel(headings);
    const atTop = headings.filter((heading) => heading.level === top);
    const lone = atTop.length === 1 ? atTop[0] : undefined;
    if (lone && lone.index === 0 && headings.length > 1) {
      title = lone.text;
      start = 1;
      headings = headings.slice(1);
    }
  }

  const sectionLevel = topLevel(headings);
  const starts = headings.filter((heading) => heading.level === sectionLevel);
  if (starts.length + 1 > maxSections) {
    throw new ImportError(
      'too-many-sections',
      `This outline has ${starts.length} headings at its top level; a plan holds at most ${maxSections} sections. Use Heading 1 only for the sections and Heading 2 or 3 inside them.`,
    );
  }
  const shift = sectionLevel - (FIRST_BODY_HEADING - 1);
  const sections: ImportedPlan['sections'] = [];

  const firstStart = starts[0]?.index ?? blocks.length;
  if (start < firstStart) {
    const intro = sectionBody(outline, {
      from: start,
      to: firstStart,
      shift,
      where: INTRODUCTION_TITLE,
    });
    if (hasText(intro.doc)) {
      sections.push({ title: INTRODUCTION_TITLE, content: richText(intro.doc) });
      problems.push(...intro.problems);
    } else {
      // Only left-out things (a picture, say) came before the first heading.
      problems.push(...intro.problems.map(({ where: _where, ...problem }) => problem));
    }
  }
  starts.forEach((heading, i) => {
    const sectionTitle = titleOf(heading.text, problems);
    const to = starts[i + 1]?.index ?? blocks.length;
    const body = sectionBody(outline, { from: heading.index + 1, to, shift, where: sectionTitle });
    sections.push({ title: sectionTitle, content: richText(body.doc) });
    problems.push(...body.problems);
  });

  if (sections.length === 0) throw noText();
  if (starts.length === 0) {
    problems.push({
      code: 'no-headings',
      message:
        'The document has no headings, so all of its text became one section. Mark each section with Heading 1 to import them separately.',
    });
  }
  return {
    title: titleOf(title ?? fallbackTitle, problems),
    sections,
    problems: [...outline.problems, ...problems],
  };
}

/**
 * Turns a whole outline into one section's body: its top heading level becomes the
 * body's first level, and a Title paragraph stays as an ordinary paragraph.
 */
export function bodyFromOutline(outline: OutlineDocument): ImportedBody {
  const top = topLevel(headingsOf(outline.blocks));
  const shift = Number.isFinite(top) ? top - FIRST_BODY_HEADING : 0;
  const body = sectionBody(outline, { from: 0, to: outline.blocks.length, shift });
  if (!hasText(body.doc)) throw noText();
  return { content: richText(body.doc), problems: [...outline.problems, ...body.problems] };
}

function richText(doc: ProseMirrorNode): ImportedPlan['sections'][number]['content'] {
  return doc.toJSON() as ImportedPlan['sections'][number]['content'];
}
