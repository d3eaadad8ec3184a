// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import { contentExtensions } from './contentExtensions.ts';
import { mayEndTypedWord } from './linkEditing.ts';

describe('mayEndTypedWord', () => {
  const editors: Editor[] = [];
  afterEach(() => {
    for (const editor of editors.splice(0)) editor.destroy();
  });
  const editor = () => {
    const made = new Editor({
      element: document.createElement('div'),
      extensions: contentExtensions(),
      content: '<p>see example.org</p>',
    });
    editors.push(made);
    return made;
  };
  const end = (made: Editor) => made.state.doc.firstChild?.nodeSize ?? 0;

  // A keystroke within a word is the common case: it is let through unread.
  it('is false for a character typed within a word, a deletion, or no change', () => {
    const made = editor();
    const at = end(made) - 1;
    expect(mayEndTypedWord(made.state.tr.insertText('x', at))).toBe(false);
    expect(mayEndTypedWord(made.state.tr.delete(at - 1, at))).toBe(false);
    expect(mayEndTypedWord(made.state.tr.setMeta('focus', true))).toBe(false);
  });

  it('is true for a space, a new line, pasted words and a mark', () => {
    const made = editor();
    const at = end(made) - 1;
    expect(mayEndTypedWord(made.state.tr.insertText(' ', at))).toBe(true);
    expect(mayEndTypedWord(made.state.tr.split(at))).toBe(true);
    expect(mayEndTypedWord(made.state.tr.insertText('a b', at))).toBe(true);
    const bold = made.schema.marks.bold;
    if (!bold) throw new Error('no bold mark');
    expect(mayEndTypedWord(made.state.tr.addMark(1, at, bold.create()))).toBe(true);
  });

  // Someone else's text is linked on their device and arrives linked.
  it('is false for a change drawn from Yjs', () => {
    const made = editor();
    const tr = made.state.tr
      .insertText(' ', end(made) - 1)
      .setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(mayEndTypedWord(tr)).toBe(false);
  });
});
