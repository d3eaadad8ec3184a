/**
 * A block's inline content as a flat list of styled runs, the form DOCX, HTML and PDF
 * all write. ProseMirror keeps marks per text node, so each text node is one run.
 */

import { safeLinkTarget } from '@plenary/model';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { type TrackedChange, trackedChangeOf } from './suggestionMarks.ts';

/** A piece of text with one set of styles, or a line break. */
export interface InlineRun {
  /** The text; a line break (hard break) is the single run `"\n"`. */
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  /** The link target, or null. */
  link: string | null;
  /** The pending suggestion this text belongs to, when suggestions are exported as tracked. */
  change: TrackedChange | null;
}

/** Line breaks inside a block come out as this text. */
export const LINE_BREAK = '\n';

/** The inline content of a textblock (paragraph, heading) as styled runs. */
export function inlineRuns(block: ProseMirrorNode): InlineRun[] {
  const runs: InlineRun[] = [];
  block.forEach((child) => {
    const has = (name: string) => child.marks.some((mark) => mark.type.name === name);
    const link = child.marks.find((mark) => mark.type.name === 'link');
    runs.push({
      text: child.isText ? (child.text ?? '') : child.type.name === 'hardBreak' ? LINE_BREAK : '',
      bold: has('bold'),
      italic: has('italic'),
      underline: has('underline'),
      strike: has('strike'),
      link: safeLinkTarget(link?.attrs.href),
      change: trackedChangeOf(child.marks),
    });
  });
  return runs.filter((run) => run.text !== '');
}
