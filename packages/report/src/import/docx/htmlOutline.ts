/**
 * Mammoth's HTML as an outline: its top-level elements are the blocks, headings keep
 * their level, and pictures, note references and comment references are taken out and
 * counted per block, so each section can say what it lost. The HTML is parsed into the
 * plan schema by ProseMirror's own DOM parser (the rules the editor uses for pasting),
 * in a happy-dom window with scripts and loading switched off.
 */
import { planSchema } from '@plenary/editor';
import type { ImportProblem } from '@plenary/model';
import { DOMParser, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { type Element, Window } from 'happy-dom';
import { bodyHeadingLevel, type OutlineBlock, type OutlineDocument } from '../outlineStructure.ts';
import { ANCHOR_ID_PREFIX, TITLE_CLASS } from './docxToHtml.ts';

type Dropped = { image: number; footnote: number; comment: number };

const HEADING_TAG = /^H([1-6])$/;
// The ids mammoth gives the footnote, endnote and comment lists at the end of the HTML.
const NOTE_BODY_ID = new RegExp(`^${ANCHOR_ID_PREFIX}(?:footnote|endnote|comment)-(?!ref-)`);

/** Removes what a plan cannot hold from one top-level element; returns how much of each. */
function takeOutDropped(element: Element): Dropped {
  const dropped: Dropped = { image: 0, footnote: 0, comment: 0 };
  const images = element.tagName === 'IMG' ? [element] : [...element.querySelectorAll('img')];
  for (const image of images) {
    dropped.image++;
    image.remove();
  }
  for (const anchor of element.querySelectorAll(`a[href^="#${ANCHOR_ID_PREFIX}"]`)) {
    const target = anchor.getAttribute('href')?.slice(1 + ANCHOR_ID_PREFIX.length) ?? '';
    if (target.startsWith('comment-')) dropped.comment++;
    else if (target.startsWith('footnote-') || target.startsWith('endnote-')) dropped.footnote++;
    else continue;
    const parent = anchor.parentElement;
    (parent?.tagName === 'SUP' && parent.childNodes.length === 1 ? parent : anchor).remove();
  }
  return dropped;
}

const isNoteList = (element: Element): boolean =>
  [...element.querySelectorAll('[id]')].some((node) => NOTE_BODY_ID.test(node.id));

function blockOf(element: Element): OutlineBlock {
  const heading = HEADING_TAG.exec(element.tagName);
  const text = element.textContent ?? '';
  if (heading && text.trim() !== '') return { kind: 'heading', level: Number(heading[1]), text };
  if (element.tagName === 'P' && element.classList.contains(TITLE_CLASS)) {
    return { kind: 'title', text };
  }
  return { kind: 'other' };
}

function droppedProblems(dropped: Dropped, where: string | undefined): ImportProblem[] {
  const at = where === undefined ? {} : { where };
  const problems: ImportProblem[] = [];
  if (dropped.image > 0) {
    problems.push({
      code: 'image',
      message: `${dropped.image} picture(s) were left out: a plan holds text only.`,
      count: dropped.image,
      ...at,
    });
  }
  if (dropped.footnote > 0) {
    problems.push({
      code: 'footnote',
      message: `${dropped.footnote} footnote(s) were left out; copy their text into the section if it matters.`,
      count: dropped.footnote,
      ...at,
    });
  }
  if (dropped.comment > 0) {
    problems.push({
      code: 'comment',
      message: `${dropped.comment} comment(s) were left out.`,
      count: dropped.comment,
      ...at,
    });
  }
  return problems;
}

/** A copy of a block to parse; a heading of level L becomes level L - shift (2 to 4). */
function withHeadingShifted(element: Element, shift: number): Element {
  const heading = HEADING_TAG.exec(element.tagName);
  if (!heading) return element.cloneNode(true) as Element;
  const level = bodyHeadingLevel(Number(heading[1]), shift);
  const moved = element.ownerDocument.createElement(`h${level}`);
  for (const child of [...element.childNodes]) moved.appendChild(child.cloneNode(true));
  return moved;
}

/**
 * Reads mammoth's HTML as an outline and hands it to `use`; the window the HTML lives in
 * is closed afterwards, so `use` must take everything it needs from the outline.
 */
export async function withHtmlOutline<T>(
  html: string,
  use: (outline: OutlineDocument) => T,
): Promise<T> {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  try {
    const { document } = window;
    const container = document.createElement('div');
    container.innerHTML = html;
    const blocks: { element: Element; dropped: Dropped; render: boolean }[] = [];
    for (const element of [...container.children]) {
      if (isNoteList(element)) continue;
      const dropped = takeOutDropped(element);
      // A block that held only a picture or a reference keeps its count, adds nothing.
      const render = element.tagName === 'TABLE' || (element.textContent ?? '').trim() !== '';
      blocks.push({ element, dropped, render });
    }
    const parser = DOMParser.fromSchema(planSchema());

    const body = (from: number, to: number, shift: number, where: string | undefined) => {
      const part = document.createElement('div');
      const total: Dropped = { image: 0, footnote: 0, comment: 0 };
      for (const { element, dropped, render } of blocks.slice(from, to)) {
        total.image += dropped.image;
        total.footnote += dropped.footnote;
        total.comment += dropped.comment;
        if (render) part.appendChild(withHeadingShifted(element, shift));
      }
      const doc: ProseMirrorNode = parser.parse(
        part as unknown as Parameters<typeof parser.parse>[0],
      );
      return { doc, problems: droppedProblems(total, where) };
    };

    return use({ blocks: blocks.map(({ element }) => blockOf(element)), body, problems: [] });
  } finally {
    await window.happyDOM.close();
  }
}
