// @vitest-environment happy-dom
import { planSchema } from '@plenary/editor';
import { bulletList, paragraph, richTextDoc, table } from '@plenary/model';
import { gapCursor as realGapCursor } from '@tiptap/pm/gapcursor';
import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState, type Plugin, TextSelection } from '@tiptap/pm/state';
import * as realTables from '@tiptap/pm/tables';
import { EditorView } from '@tiptap/pm/view';
import * as realLinkify from 'linkifyjs';
import { afterEach, describe, expect, it } from 'vitest';
import { afterReadyModules, loadAfterReadyModules } from './afterReadyParts.ts';
import { GAP_CURSOR_DOM_EVENTS, GAP_CURSOR_PROPS, gapCursor } from './gapcursor.ts';
import { find, registerCustomProtocol, tokenize } from './linkify.ts';
import { addRowAfter, CellSelection, fixTables, holdsTable, tableEditing } from './tables.ts';

// The stand-ins keep what they were handed until the modules load, once per test file:
// the tests run in order, the ones before the load first.

const views: EditorView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
});

const docOf = (content: ReturnType<typeof richTextDoc>) =>
  ProseMirrorNode.fromJSON(planSchema(), content);

const withTable = richTextDoc(paragraph('Before'), table(['Risk', 'Owner'], []));

function viewOf(doc: ProseMirrorNode, plugins: Plugin[]): EditorView {
  const view = new EditorView(document.createElement('div'), {
    state: EditorState.create({ doc, plugins }),
  });
  views.push(view);
  return view;
}

/** Whether prosemirror-tables' own editing plugin is in the view's state. */
const editsTables = (view: EditorView) =>
  realTables.tableEditingKey.getState(view.state) !== undefined;

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the editor parts loaded after it is ready', () => {
  it('before they load: commands refuse, no URL is found, no selection is of cells', () => {
    expect(afterReadyModules()).toBeNull();
    const state = EditorState.create({ doc: docOf(withTable) });
    expect(addRowAfter(state)).toBe(false);
    expect(fixTables(state)).toBeUndefined();
    expect(state.selection instanceof CellSelection).toBe(false);
    expect(find('see https://example.org')).toEqual([]);
    expect(tokenize('https://example.org')).toEqual([]);
    registerCustomProtocol('plenary');
  });

  it('replaces the table editing stand-in once they load, in sections that hold a table only', async () => {
    const plain = viewOf(docOf(richTextDoc(paragraph('No table here'))), [tableEditing()]);
    const tabled = viewOf(docOf(withTable), [tableEditing()]);
    const plainState = plain.state;
    expect(editsTables(tabled)).toBe(false);

    await loadAfterReadyModules();
    await settled();
    expect(editsTables(tabled)).toBe(true);
    expect(tabled.state.doc.eq(docOf(withTable))).toBe(true);
    // Not reconfigured: nothing to edit there yet.
    expect(plain.state).toBe(plainState);

    // A table arrives (typed, pasted, or from someone else): now it is.
    const inserted = docOf(withTable).child(1);
    plain.dispatch(plain.state.tr.insert(plain.state.doc.content.size, inserted));
    await settled();
    expect(editsTables(plain)).toBe(true);
  });

  it('once loaded, hands everything to the real modules', () => {
    expect(tableEditing().spec.key).toBe(realTables.tableEditingKey);
    const doc = docOf(withTable);
    // The caret in the first cell: a row is added after it.
    const inCell = doc.resolve(doc.child(0).nodeSize + 4);
    let state = EditorState.create({ doc, selection: TextSelection.near(inCell) });
    expect(addRowAfter(state, (tr) => (state = state.apply(tr)))).toBe(true);
    expect(state.doc.child(1).childCount).toBe(2);
    const cells = CellSelection.create(state.doc, inCell.before(3), inCell.before(3));
    expect(cells).toBeInstanceOf(realTables.CellSelection);
    expect(cells instanceof CellSelection).toBe(true);

    // Schemes registered before the load were registered on it.
    expect(find('see https://example.org and plenary://plan')).toEqual(
      realLinkify.find('see https://example.org and plenary://plan'),
    );
    expect(find('plenary://plan').map((link) => link.href)).toEqual(['plenary://plan']);
  });

  it('hands on every prop of the gap cursor plugin', () => {
    const real = realGapCursor().spec.props ?? {};
    const { handleDOMEvents, ...props } = real;
    expect(Object.keys(props).sort()).toEqual([...GAP_CURSOR_PROPS].sort());
    expect(Object.keys(handleDOMEvents ?? {})).toEqual([...GAP_CURSOR_DOM_EVENTS]);
    // Once loaded, the real plugin itself.
    expect(gapCursor().spec.props?.handleKeyDown).toBe(real.handleKeyDown);
  });
});

describe('holdsTable', () => {
  it('finds tables at any depth, and nothing in text', () => {
    expect(holdsTable(docOf(withTable))).toBe(true);
    expect(holdsTable(docOf(richTextDoc(bulletList(['table', 'chairs']))))).toBe(false);
  });
});
