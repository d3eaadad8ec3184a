// @vitest-environment happy-dom
import type { RichTextDoc } from '@plenary/model';
import { type Command, Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { type EditorState, type Plugin, TextSelection } from '@tiptap/pm/state';
import { CellSelection, tableEditingKey } from '@tiptap/pm/tables';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { collaborationExtensions } from './collaborationExtensions.ts';
import { contentExtensions } from './contentExtensions.ts';
import { addEditingAfterReady, editingAfterReady } from './editingAfterReady.ts';
import { readRichText, writeRichText } from './richTextFragment.ts';
import { tableCommands } from './tableEditing.ts';

const SECTION = 'section:s1';
const paragraph = (text: string) => ({
  type: 'paragraph',
  content: text ? [{ type: 'text', text }] : [],
});
const row = (type: 'tableHeader' | 'tableCell', texts: string[]) => ({
  type: 'tableRow',
  content: texts.map((text) => ({ type, content: [paragraph(text)] })),
});
const TWO_BY_TWO: RichTextDoc = {
  type: 'doc',
  content: [
    paragraph('Before.'),
    {
      type: 'table',
      content: [row('tableHeader', ['Risk', 'Who']), row('tableCell', ['Hate', 'All'])],
    },
    paragraph('After.'),
  ],
};

/** The texts of each cell, row by row, of the first table. */
function cells(state: EditorState): string[][] {
  const rows: string[][] = [];
  state.doc.descendants((node) => {
    if (node.type.name === 'tableRow') rows.push([]);
    else if (node.type.spec.tableRole?.toString().endsWith('cell'))
      rows.at(-1)?.push(node.textContent);
    return node.type.name !== 'table' || rows.length === 0;
  });
  return rows;
}

/** The text of the cell the caret is in. */
const caretCell = (state: EditorState) => state.selection.$from.node(-1).textContent;

/** Where each cell of the first table starts, row by row. */
function cellPositions(state: EditorState): number[] {
  const found: number[] = [];
  state.doc.descendants((node, pos) => {
    if (node.type.spec.tableRole?.toString().endsWith('cell')) found.push(pos);
  });
  return found;
}

/** The position just inside the cell holding `text`. */
function inCell(state: EditorState, text: string): number {
  let at = -1;
  state.doc.descendants((node, pos) => {
    if (at < 0 && node.type.name === 'paragraph' && node.textContent === text) at = pos + 1;
  });
  return at;
}

describe('table editing', () => {
  const editors: Editor[] = [];
  afterEach(() => {
    for (const editor of editors.splice(0)) editor.destroy();
  });

  function editorOn(doc: Y.Doc, withEditing = false): Editor {
    const editor = new Editor({
      element: document.createElement('div'),
      extensions: [
        ...contentExtensions({ editing: withEditing ? editingAfterReady : null }),
        Collaboration.configure({ fragment: doc.getXmlFragment(SECTION) }),
      ],
    });
    editors.push(editor);
    return editor;
  }
  function sectionDoc(): Y.Doc {
    const doc = new Y.Doc();
    writeRichText(doc.getXmlFragment(SECTION), TWO_BY_TWO);
    return doc;
  }
  const press = (editor: Editor, key: string, modifiers: KeyboardEventInit = {}) =>
    editor.view.someProp('handleKeyDown', (handle) =>
      handle(editor.view, new KeyboardEvent('keydown', { key, ...modifiers })),
    ) ?? false;
  const caretAt = (editor: Editor, text: string) =>
    editor.view.dispatch(
      editor.state.tr.setSelection(
        TextSelection.create(editor.state.doc, inCell(editor.state, text) + 1),
      ),
    );

  const caretInCell = (editor: Editor, index: number) => {
    const cell = cellPositions(editor.state)[index];
    if (cell === undefined) throw new Error(`no cell ${index}`);
    editor.view.dispatch(
      editor.state.tr.setSelection(TextSelection.create(editor.state.doc, cell + 2)),
    );
  };

  it('comes into a live editor keeping its text, its selection and its undo', () => {
    const doc = sectionDoc();
    const editor = editorOn(doc);
    editor.commands.insertContentAt(inCell(editor.state, 'Hate') + 4, ' speech');
    caretAt(editor, 'All');
    const before = { doc: editor.state.doc, selection: editor.state.selection };
    // Not here yet: Tab is not the table's.
    expect(tableEditingKey.getState(editor.state)).toBeUndefined();
    expect(press(editor, 'Tab')).toBe(false);

    addEditingAfterReady(editor);

    expect(tableEditingKey.getState(editor.state)).not.toBeUndefined();
    expect(editor.state.doc.eq(before.doc)).toBe(true);
    expect(editor.state.selection.eq(before.selection)).toBe(true);
    expect(editor.commands.undo()).toBe(true);
    expect(cells(editor.state)).toEqual([
      ['Risk', 'Who'],
      ['Hate', 'All'],
    ]);
  });

  it('keeps this person’s caret in the plan’s presence', () => {
    const doc = sectionDoc();
    const presence = new Awareness(doc);
    const fragment = doc.getXmlFragment(SECTION);
    const user = { name: 'Bora', color: '#123456' };
    const [one, two] = [0, 1].map(() => {
      const editor = new Editor({
        element: document.createElement('div'),
        extensions: [
          ...contentExtensions(),
          ...collaborationExtensions({ fragment, awareness: presence, user }),
        ],
      });
      editors.push(editor);
      return editor;
    });
    if (!one || !two) throw new Error('no editors');
    // The caret as another section's editor published it.
    const caret = () => ({
      anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(fragment, 1)),
      head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(fragment, 1)),
    });
    presence.setLocalStateField('cursor', caret());
    // Remaking the caret plugin's view takes it away...
    addEditingAfterReady(one);
    expect(presence.getLocalState()?.cursor).toBeNull();
    // ...unless it is put back.
    presence.setLocalStateField('cursor', caret());
    addEditingAfterReady(two, presence);
    expect(presence.getLocalState()?.cursor).toEqual(caret());
    presence.destroy();
  });

  it('takes the place in the editor’s plugins it has when the editor is made with it', () => {
    const late = editorOn(sectionDoc());
    addEditingAfterReady(late);
    addEditingAfterReady(late);
    const made = editorOn(sectionDoc(), true);
    // A plugin's key (ProseMirror keeps it, untyped) ends in a counter of the plugins made
    // with its name: a second editor's differ.
    const order = (editor: Editor) =>
      editor.state.plugins.map((plugin) =>
        (plugin as Plugin & { key: string }).key.replace(/\$\d*$/, '$'),
      );
    expect(order(late)).toEqual(order(made));
  });

  it('moves between cells with Tab and Shift-Tab, and adds a row after the last', () => {
    const editor = editorOn(sectionDoc());
    addEditingAfterReady(editor);
    caretAt(editor, 'Risk');
    expect(press(editor, 'Tab')).toBe(true);
    expect(caretCell(editor.state)).toBe('Who');
    expect(press(editor, 'Tab', { shiftKey: true })).toBe(true);
    expect(caretCell(editor.state)).toBe('Risk');
    caretAt(editor, 'All');
    expect(press(editor, 'Tab')).toBe(true);
    expect(cells(editor.state)).toEqual([
      ['Risk', 'Who'],
      ['Hate', 'All'],
      ['', ''],
    ]);
    expect(editor.state.selection.$from.node(-2)).toBe(editor.state.doc.child(1).lastChild);
  });

  it('deletes the whole table when every cell is selected', () => {
    const editor = editorOn(sectionDoc());
    addEditingAfterReady(editor);
    const { doc } = editor.state;
    const [first, , , last] = cellPositions(editor.state).map((pos) => doc.resolve(pos));
    if (!first || !last) throw new Error('no cells');
    editor.view.dispatch(editor.state.tr.setSelection(new CellSelection(first, last)));
    expect(press(editor, 'Backspace')).toBe(true);
    expect(editor.state.doc.childCount).toBe(2);
    expect(editor.state.doc.textContent).toBe('Before.After.');
  });

  it('runs the toolbar’s commands, keeping the caret in the table', () => {
    const doc = sectionDoc();
    const editor = editorOn(doc, true);
    const run = (command: Command) => editor.chain().command(command).run();
    caretAt(editor, 'All');
    expect(run(tableCommands.addRowAfter())).toBe(true);
    expect(run(tableCommands.addColumnAfter())).toBe(true);
    expect(cells(editor.state)).toEqual([
      ['Risk', 'Who', ''],
      ['Hate', 'All', ''],
      ['', '', ''],
    ]);
    caretInCell(editor, 2);
    expect(run(tableCommands.deleteColumn())).toBe(true);
    // The last row goes with the caret in it: the caret stays in the table.
    caretInCell(editor, 5);
    expect(run(tableCommands.deleteRow())).toBe(true);
    expect(cells(editor.state)).toEqual([
      ['Risk', 'Who'],
      ['Hate', 'All'],
    ]);
    expect(editor.state.selection.$from.node(-3)?.type.name).toBe('table');
    // What the editor made is a valid section wherever it is read.
    const read = readRichText(doc.getXmlFragment(SECTION));
    read.check();
    expect(read.toJSON()).toEqual(editor.state.doc.toJSON());
  });

  it('inserts a table with a header row, the caret in its first cell', () => {
    const doc = new Y.Doc();
    writeRichText(doc.getXmlFragment(SECTION), { type: 'doc', content: [paragraph('')] });
    const editor = editorOn(doc, true);
    const insert = tableCommands.insertTable({ rows: 3, cols: 3, withHeaderRow: true });
    expect(editor.chain().command(insert).run()).toBe(true);
    expect(cells(editor.state)).toEqual([
      ['', '', ''],
      ['', '', ''],
      ['', '', ''],
    ]);
    const table = editor.state.doc.firstChild;
    expect(table?.firstChild?.firstChild?.type.name).toBe('tableHeader');
    expect(table?.lastChild?.firstChild?.type.name).toBe('tableCell');
    expect(editor.state.selection.from).toBe(4);
    readRichText(doc.getXmlFragment(SECTION)).check();
  });
});
