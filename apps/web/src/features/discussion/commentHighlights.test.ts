// @vitest-environment happy-dom
import { blockId, contentExtensions, writeRichText } from '@plenary/editor';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { editorYjs } from '../../collab/editorYjsPositions.ts';
import { peer, quoteRange } from '../../test-support/sectionPeers.ts';
import { CommentHighlights, type CommentRange } from './commentHighlights.ts';
import { showCommentRanges } from './showCommentRanges.ts';
import { showSupportLabels } from './showSupportLabels.ts';
import { SupportLabels } from './supportLabels.ts';

// Counted, to show the person's own typing maps the decorations instead of resolving them.
vi.mock('../../collab/editorYjsPositions.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../collab/editorYjsPositions.ts')>();
  return { ...actual, editorYjs: vi.fn(actual.editorYjs) };
});

const SECTION = 'section:s1';

/** A section of two recommendations, as the server holds it (client 1). */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  writeRichText(doc.getXmlFragment(SECTION), {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Name the ministry in charge.' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Train the volunteers.' }] },
    ],
  });
  return doc;
}

/** The thread on `quote`, anchored as the server anchors it. */
function rangeOn(doc: Y.Doc, quote: string, threadId = 't1'): CommentRange {
  return {
    threadId,
    ...quoteRange(doc.getXmlFragment(SECTION), quote),
    count: 2,
    label: `Open the comment on “${quote}” (2)`,
  };
}

const altEnter = () => new KeyboardEvent('keydown', { key: 'Enter', altKey: true });

describe('comment highlights and support labels in a section editor', () => {
  let doc: Y.Doc;
  let editor: Editor;
  const onOpen = vi.fn();

  beforeEach(() => {
    doc = serverDoc();
    editor = new Editor({
      element: document.createElement('div'),
      extensions: [
        ...contentExtensions({ groupColor: () => undefined }),
        Collaboration.configure({ fragment: doc.getXmlFragment(SECTION) }),
        CommentHighlights.configure({ onOpen }),
        SupportLabels,
      ],
    });
    vi.mocked(editorYjs).mockClear();
    onOpen.mockClear();
  });
  afterEach(() => editor.destroy());

  const highlights = () =>
    [...editor.view.dom.querySelectorAll('.comment-highlight')].map((span) => span.textContent);
  const marker = () => editor.view.dom.querySelector<HTMLButtonElement>('button.comment-marker');

  it('highlights an open thread’s words and follows them through local and remote edits', () => {
    showCommentRanges(editor.view, [rangeOn(doc, 'the ministry')]);
    expect(highlights()).toEqual(['the ministry']);
    expect(marker()?.getAttribute('aria-label')).toBe('Open the comment on “the ministry” (2)');
    expect(marker()?.textContent).toBe('2');

    // Typing here maps the highlight through each keystroke: nothing is resolved again.
    vi.mocked(editorYjs).mockClear();
    for (const [index, char] of [...'Please '].entries()) {
      editor.commands.insertContentAt(1 + index, char);
    }
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, ' Soon.');
    expect(vi.mocked(editorYjs)).not.toHaveBeenCalled();
    expect(editor.getText()).toContain('Please Name the ministry in charge.');
    expect(highlights()).toEqual(['the ministry']);

    // Someone else's change rebuilds the text from Yjs; the highlight is resolved again.
    const other = peer(doc, 2, SECTION);
    const first = (other.fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    first.insert(first.toString().indexOf('ministry'), 'right ');
    other.sendTo(doc);
    expect(vi.mocked(editorYjs)).toHaveBeenCalled();
    expect(highlights()).toEqual(['the right ministry']);

    // Its words deleted elsewhere: the thread is detached and nothing is highlighted.
    first.delete(0, first.length);
    other.sendTo(doc);
    expect(highlights()).toEqual([]);
    expect(marker()).toBeNull();
  });

  it('opens the thread from its marker (focusing the panel) and from its words', () => {
    showCommentRanges(editor.view, [rangeOn(doc, 'volunteers', 't9')]);
    marker()?.click();
    expect(onOpen).toHaveBeenLastCalledWith('t9', true);

    const words = editor.view.dom.querySelector('.comment-highlight');
    const event = new MouseEvent('click');
    Object.defineProperty(event, 'target', { value: words });
    editor.view.someProp('handleClick', (click) => click(editor.view, 3, event));
    expect(onOpen).toHaveBeenLastCalledWith('t9', false);

    // Alt+Enter with the caret in the words opens it too, with the focus; elsewhere it
    // is left to the other keys.
    const inWords = editor.state.doc.textContent.indexOf('volunteers') + 4;
    editor.commands.setTextSelection(inWords);
    expect(editor.view.someProp('handleKeyDown', (keys) => keys(editor.view, altEnter()))).toBe(
      true,
    );
    expect(onOpen).toHaveBeenLastCalledWith('t9', true);
    onOpen.mockClear();
    editor.commands.setTextSelection(2);
    editor.view.someProp('handleKeyDown', (keys) => keys(editor.view, altEnter()));
    expect(onOpen).not.toHaveBeenCalled();

    // A thread resolved (or gone from the list) is no longer drawn.
    showCommentRanges(editor.view, []);
    expect(highlights()).toEqual([]);
  });

  it('puts a support label after the recommendation a round froze, outside the shared text', () => {
    const second = doc.getXmlFragment(SECTION).get(1) as Y.XmlElement;
    const label = 'Broad support · 31 agree, 4 disagree, 2 abstain';
    showSupportLabels(editor.view, [
      { blockId: blockId(second) ?? '', level: 'broad', text: label },
      // A block deleted since (or never received) shows nothing.
      { blockId: '99-0', level: 'opposed', text: 'Not supported · 0 agree, 3 disagree, 0 abstain' },
    ]);
    const paragraphs = editor.view.dom.querySelectorAll('p');
    expect(paragraphs[1]?.querySelector('[data-testid="support-label"]')?.textContent).toBe(label);
    expect(editor.view.dom.querySelectorAll('[data-testid="support-label"]')).toHaveLength(1);

    // Reworded by someone else, the block keeps its id and its label.
    const other = peer(doc, 3, SECTION);
    const text = (other.fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'Recruit and ');
    other.sendTo(doc);
    const after = editor.view.dom.querySelectorAll('p')[1];
    expect(after?.textContent).toBe(`Recruit and Train the volunteers.${label}`);

    // The label is a decoration: the shared document holds no trace of it.
    expect(doc.getXmlFragment(SECTION).toString()).not.toContain('support');
    expect(JSON.stringify(editor.getJSON())).not.toContain('Broad support');
  });
});
