// @vitest-environment happy-dom
import { contentExtensions } from '@plenary/editor';
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caretInView } from './caretInView.ts';

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** A section's text with a paragraph and a table, its caret where `where` says. */
function sectionWithCaretAt(where: 'paragraph' | 'table cell', caret: Partial<DOMRect>) {
  const editor = new Editor({
    element: document.body.appendChild(document.createElement('div')),
    extensions: contentExtensions({ groupColor: () => undefined }),
    content:
      '<p>Prevent atrocities.</p><table><tbody><tr><td><p>Early warning</p></td></tr></tbody></table>',
  });
  editors.push(editor);
  let position = 3;
  editor.state.doc.descendants((node, pos) => {
    if (where === 'table cell' && node.type.name === 'tableCell') position = pos + 3;
  });
  editor.commands.setTextSelection(position);
  const rect = { top: 200, bottom: 220, left: 300, right: 301, ...caret };
  vi.spyOn(editor.view, 'coordsAtPos').mockReturnValue(rect);
  return editor.view;
}

describe('caretInView', () => {
  it('says a caret on screen needs no scrolling', () => {
    expect(caretInView(sectionWithCaretAt('paragraph', {}))).toBe(true);
  });

  it('leaves a caret off screen to ProseMirror, which scrolls it into view', () => {
    expect(caretInView(sectionWithCaretAt('paragraph', { top: -20, bottom: 0 }))).toBe(false);
    const below = window.innerHeight + 10;
    expect(caretInView(sectionWithCaretAt('paragraph', { top: below, bottom: below + 20 }))).toBe(
      false,
    );
  });

  it('leaves a caret in a table to ProseMirror: the table may scroll sideways in its box', () => {
    expect(caretInView(sectionWithCaretAt('table cell', {}))).toBe(false);
  });
});
