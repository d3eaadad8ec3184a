// @vitest-environment happy-dom
import { contentExtensions } from '@plenary/editor';
import { TableView } from '@plenary/editor/tableView';
import { richTextDoc, table } from '@plenary/model';
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { TableBoxFocus } from './tableBoxFocus.ts';

let editor: Editor | null = null;

afterEach(() => {
  editor?.destroy();
  editor = null;
});

function open(editable: boolean): HTMLElement {
  editor = new Editor({
    element: document.createElement('div'),
    extensions: [...contentExtensions({ tableView: TableView.make }), TableBoxFocus],
    content: richTextDoc(table(['Risk factor', 'Evidence'], [['1. Armed conflict', '']])),
    editable,
  });
  const box = editor.view.dom.querySelector<HTMLElement>('.tableWrapper');
  if (!box) throw new Error('the table view drew no box');
  return box;
}

const boxOf = (current: Editor): HTMLElement | null =>
  current.view.dom.querySelector<HTMLElement>('.tableWrapper');

describe('TableBoxFocus', () => {
  it('puts a read-only section’s table box in the Tab order', () => {
    const box = open(false);
    expect(box.getAttribute('tabindex')).toBe('0');
    expect(box.hasAttribute('contenteditable')).toBe(false);
  });

  it('gives an editable section’s table box no tab stop to take taps, only its editor’s reach', () => {
    const box = open(true);
    expect(box.hasAttribute('tabindex')).toBe(false);
    expect(box.getAttribute('contenteditable')).toBe('true');
  });

  it('follows the section as it becomes editable or read-only', () => {
    open(true);
    if (!editor) throw new Error('no editor');
    editor.setEditable(false);
    expect(boxOf(editor)?.getAttribute('tabindex')).toBe('0');
    // An editing host of its own in a read-only section would take typing.
    expect(boxOf(editor)?.hasAttribute('contenteditable')).toBe(false);
    editor.setEditable(true);
    expect(boxOf(editor)?.hasAttribute('tabindex')).toBe(false);
    expect(boxOf(editor)?.getAttribute('contenteditable')).toBe('true');
  });
});
