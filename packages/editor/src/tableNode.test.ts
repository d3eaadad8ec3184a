// @vitest-environment happy-dom
import type { RichTextDoc } from '@plenary/model';
import { type AnyExtension, Editor, getSchema } from '@tiptap/core';
import { Table as TipTapTable } from '@tiptap/extension-table/table';
import { DOMParser, DOMSerializer, type Schema } from '@tiptap/pm/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentExtensions, planSchema } from './contentExtensions.ts';
import { readRichText, writeRichText } from './richTextFragment.ts';
import { described, withTipTap } from './schemaComparison.ts';
import { SUGGESTION_MARK_NAMES } from './suggestionMarks.ts';
import { TableView } from './TableView.ts';

// What the plan's extensions were with TipTap's table extension, admitting the
// suggestion marks as contentExtensions does.
const withTipTapTable = (): AnyExtension[] =>
  withTipTap(
    TipTapTable.configure({ resizable: false }).extend({ marks: SUGGESTION_MARK_NAMES.join(' ') }),
  );

// A table with a header row, its first column given a width, a cell spanning two columns.
const TABLE_DOC: RichTextDoc = {
  type: 'doc',
  content: [
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: ['Risk', 'Where', 'Who'].map((text, column) => ({
            type: 'tableHeader',
            attrs: { colwidth: column === 0 ? [120] : null },
            content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
          })),
        },
        {
          type: 'tableRow',
          content: [
            {
              type: 'tableCell',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hate speech' }] }],
            },
            {
              type: 'tableCell',
              attrs: { colspan: 2 },
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Everywhere' }] }],
            },
          ],
        },
      ],
    },
    { type: 'paragraph', content: [{ type: 'text', text: 'After the table.' }] },
  ],
};

const html = (schema: Schema) => {
  const box = document.createElement('div');
  const doc = schema.nodeFromJSON(TABLE_DOC);
  box.appendChild(DOMSerializer.fromSchema(schema).serializeFragment(doc.content));
  return box.innerHTML;
};

describe('the plan table', () => {
  const editors: Editor[] = [];
  afterEach(() => {
    for (const editor of editors.splice(0)) editor.destroy();
  });

  it('has the schema TipTap’s table extension gave it', () => {
    const tiptap = getSchema(withTipTapTable());
    expect(described(planSchema())).toEqual(described(tiptap));
    // prosemirror-tables finds its node types by this role.
    expect(planSchema().nodes.table?.spec.tableRole).toBe('table');
    expect(planSchema().nodes.tableHeader?.spec.tableRole).toBe('header_cell');
    expect(planSchema().nodes.tableRow?.spec.marks).toBe(SUGGESTION_MARK_NAMES.join(' '));
  });

  it('writes and reads the HTML TipTap’s table extension did', () => {
    const tiptap = getSchema(withTipTapTable());
    expect(html(planSchema())).toBe(html(tiptap));
    expect(html(planSchema())).toContain(
      '<table style="min-width: 170px;"><colgroup><col style="width: 120px;">',
    );
    const parse = (schema: Schema) => {
      const box = document.createElement('div');
      box.innerHTML = html(tiptap);
      return DOMParser.fromSchema(schema).parse(box).toJSON();
    };
    expect(parse(planSchema())).toEqual(parse(tiptap));
  });

  it('is drawn in the editor as TipTap’s table view drew it', () => {
    const drawn = (extensions: AnyExtension[]) => {
      const editor = new Editor({ extensions, content: TABLE_DOC });
      editors.push(editor);
      return editor.view.dom.innerHTML;
    };
    const ours = drawn(contentExtensions({ tableView: TableView.make }));
    expect(ours).toBe(drawn(withTipTapTable()));
    expect(ours).toContain('<div class="tableWrapper"><table style="min-width: 170px;">');
  });

  it('follows its columns in the editor as they change', () => {
    const editor = new Editor({
      extensions: contentExtensions({ tableView: TableView.make }),
      content: TABLE_DOC,
    });
    editors.push(editor);
    const cols = () =>
      [...editor.view.dom.querySelectorAll('col')].map((col) => col.getAttribute('style'));
    expect(cols()).toEqual(['width: 120px;', 'min-width: 25px;', 'min-width: 25px;']);
    // The header row's last cell goes: two columns are left in the first row.
    const { doc } = editor.state;
    let lastHeader = -1;
    doc.descendants((node, pos) => {
      if (node.type.name === 'tableHeader') lastHeader = pos;
    });
    const header = doc.nodeAt(lastHeader);
    if (!header) throw new Error('no header cell');
    editor.view.dispatch(editor.state.tr.delete(lastHeader, lastHeader + header.nodeSize));
    expect(cols()).toEqual(['width: 120px;', 'min-width: 25px;']);
    expect(editor.view.dom.querySelector('table')?.getAttribute('style')).toBe('min-width: 145px;');
  });

  it('round-trips through Yjs, and the server reads it as valid', () => {
    const browser = new Y.Doc();
    writeRichText(browser.getXmlFragment('section:s1'), TABLE_DOC);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(browser));
    const read = readRichText(server.getXmlFragment('section:s1'));
    read.check();
    expect(read.toJSON()).toEqual(planSchema().nodeFromJSON(TABLE_DOC).toJSON());
    // A document the old schema wrote is one of ours.
    const old = getSchema(withTipTapTable()).nodeFromJSON(TABLE_DOC);
    expect(() => planSchema().nodeFromJSON(old.toJSON()).check()).not.toThrow();
  });
});
