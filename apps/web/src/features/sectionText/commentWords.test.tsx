// @vitest-environment happy-dom
import { anchorQuote, writeRichText } from '@plenary/editor';
import { paragraph, type RichTextNode, richTextDoc, text } from '@plenary/model';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { peer, quoteRange } from '../../test-support/sectionPeers.ts';
import { type CommentWords, commentsByBlock } from './commentWords.ts';
import { SectionText } from './SectionText.tsx';
import { useBlockComments } from './useBlockComments.ts';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

const SECTION = 'section:s1';

/** A section of two paragraphs (one word bold) and a list, as the server holds it. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  writeRichText(
    doc.getXmlFragment(SECTION),
    richTextDoc(
      {
        type: 'paragraph',
        content: [
          text('Name the '),
          { ...text('ministry'), marks: [{ type: 'bold' }] } as RichTextNode,
          text(' in charge.'),
        ],
      },
      paragraph('Train the volunteers.'),
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('Each year.')] }] },
    ) as Parameters<typeof writeRichText>[1],
  );
  return doc;
}

/** The thread on `quote`, anchored as the server anchors it, numbered `count`. */
function wordsOf(doc: Y.Doc, quote: string, count: number, threadId = `t${count}`): CommentWords {
  return { threadId, ...quoteRange(doc.getXmlFragment(SECTION), quote), count };
}

/** The first text of a block (a paragraph, or the paragraph of a list's first item). */
function textOf(fragment: Y.XmlFragment, index: number): Y.XmlText {
  let node: Y.XmlElement | Y.XmlText = fragment.get(index) as Y.XmlElement;
  while (node instanceof Y.XmlElement) node = node.get(0) as Y.XmlElement | Y.XmlText;
  return node;
}

/**
 * The text as drawn, blocks joined by " | ", each thread's words in [brackets] (a split by
 * a mark not shown) and each marker as {its number}.
 */
function annotated(container: HTMLElement): string {
  const of = (node: Node): string => {
    if (node.nodeType === 3) return node.textContent ?? '';
    const element = node as Element;
    const inner = [...element.childNodes].map(of).join('');
    if (element.classList.contains('comment-marker')) {
      expect(element.getAttribute('aria-hidden')).toBe('true');
      return `{${inner}}`;
    }
    if (element.classList.contains('comment-highlight')) return `[${inner}]`;
    return inner;
  };
  return [...container.querySelectorAll('.ProseMirror p')].map(of).join(' | ').replaceAll('][', '');
}

/** The reader with the threads' words, as the projector draws it. */
function CommentedText({
  fragment,
  comments,
}: {
  fragment: Y.XmlFragment;
  comments: readonly CommentWords[];
}) {
  const byBlock = useBlockComments(fragment, comments);
  return <SectionText fragment={fragment} className="projector-section__text" comments={byBlock} />;
}

describe('comment words in the section reader', () => {
  let root: Root | null = null;
  let container: HTMLElement;
  let doc: Y.Doc;
  const draw = (comments: readonly CommentWords[]) =>
    act(() =>
      root?.render(<CommentedText fragment={doc.getXmlFragment(SECTION)} comments={comments} />),
    );

  beforeEach(() => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    doc = serverDoc();
    container = document.createElement('div');
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root?.unmount());
    root = null;
  });

  it('highlights each thread’s words, through marks, with its number after the last word', () => {
    draw([wordsOf(doc, 'the ministry in', 1), wordsOf(doc, 'volunteers', 2)]);
    expect(annotated(container)).toBe(
      'Name [the ministry in]{1} charge. | Train the [volunteers]{2}. | Each year.',
    );
    // The bold word stays bold inside the highlight.
    expect(container.querySelector('strong .comment-highlight')?.textContent).toBe('ministry');
  });

  it('nests overlapping threads, each number after its own last word', () => {
    draw([wordsOf(doc, 'the ministry in', 1), wordsOf(doc, 'ministry', 2)]);
    expect(annotated(container)).toBe(
      'Name [the [ministry]]{2}[ in]{1} charge. | Train the volunteers. | Each year.',
    );
    expect(
      [...container.querySelectorAll('[data-thread-id="t1"].comment-highlight')]
        .map((words) => words.textContent)
        .join(''),
    ).toBe('the ministry in');
  });

  it('marks words across blocks, into a list, with one number after the last', () => {
    draw([wordsOf(doc, 'in charge. Train the volunteers. Each', 3)]);
    expect(annotated(container)).toBe(
      'Name the ministry [in charge.] | [Train the volunteers.] | [Each]{3} year.',
    );
    expect(container.querySelectorAll('.comment-marker')).toHaveLength(1);
  });

  it('follows edits from others, and drops the words once they are deleted', () => {
    const words = wordsOf(doc, 'Train the volunteers', 1);
    draw([words]);
    const other = peer(doc, 2, SECTION);
    const second = textOf(other.fragment, 1);
    // Typed inside the words: part of them. Typed just before and after: outside.
    second.insert('Train the '.length, 'local ');
    second.insert('Train the local volunteers'.length, ' yearly');
    second.insert(0, 'Also: ');
    act(() => other.sendTo(doc));
    expect(annotated(container)).toBe(
      'Name the ministry in charge. | Also: [Train the local volunteers]{1} yearly. | Each year.',
    );

    // A word deleted inside: the rest stays highlighted.
    second.delete('Also: Train '.length, 'the '.length);
    act(() => other.sendTo(doc));
    expect(annotated(container)).toBe(
      'Name the ministry in charge. | Also: [Train local volunteers]{1} yearly. | Each year.',
    );

    // All the words deleted: no highlight and no number are left.
    second.delete('Also: '.length, 'Train local volunteers'.length);
    act(() => other.sendTo(doc));
    expect(annotated(container)).toBe('Name the ministry in charge. | Also:  yearly. | Each year.');
    expect(container.querySelector('.comment-highlight, .comment-marker')).toBeNull();
  });

  it('draws nothing for words whose block was removed, and nothing once no thread is shown', () => {
    draw([wordsOf(doc, 'Each year', 1), wordsOf(doc, 'Name', 2)]);
    expect(annotated(container)).toBe(
      '[Name]{2} the ministry in charge. | Train the volunteers. | [Each year]{1}.',
    );
    act(() => doc.getXmlFragment(SECTION).delete(2, 1));
    expect(annotated(container)).toBe('[Name]{2} the ministry in charge. | Train the volunteers.');
    // The facilitator turns comments off, or the thread is resolved: the list is empty.
    draw([]);
    expect(annotated(container)).toBe('Name the ministry in charge. | Train the volunteers.');
  });

  it('keeps a thread’s characters as Yjs ids by block, and ignores positions of another text', () => {
    const fragment = doc.getXmlFragment(SECTION);
    const elsewhere = doc.getXmlFragment('section:s2');
    writeRichText(elsewhere, richTextDoc(paragraph('Other words.')));
    const anchor = anchorQuote(elsewhere, 'Other') as NonNullable<ReturnType<typeof anchorQuote>>;
    const foreign: CommentWords = {
      threadId: 'x',
      start: Y.decodeRelativePosition(anchor.start),
      end: Y.decodeRelativePosition(anchor.end),
      count: 9,
    };
    const byBlock = commentsByBlock(fragment, [wordsOf(doc, 'charge. Train', 4), foreign]);
    const first = byBlock.get(fragment.get(0));
    const second = byBlock.get(fragment.get(1));
    expect(byBlock.size).toBe(2);
    // "charge." is the last 7 characters of the first paragraph's last run.
    expect(first).toEqual([
      {
        threadId: 't4',
        count: 4,
        characters: [expect.objectContaining({ client: 1 })],
        last: null,
      },
    ]);
    const [characters] = first?.[0]?.characters ?? [];
    expect((characters?.to ?? 0) - (characters?.from ?? 0)).toBe('charge.'.length);
    expect(second?.[0]?.last).toEqual({
      client: 1,
      clock: (second?.[0]?.characters[0]?.from ?? 0) + 'Train'.length - 1,
    });
  });
});
