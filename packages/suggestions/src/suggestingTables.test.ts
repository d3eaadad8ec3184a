// @vitest-environment happy-dom
import {
  contentExtensions,
  readRichText,
  withEditingAfterReady,
  writeRichText,
} from '@plenary/editor';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { TextSelection } from '@tiptap/pm/state';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SuggestingMode } from './suggestingMode.ts';
import { AUTHORS } from './testing/suggestingClients.ts';

const cell = (type: 'tableHeader' | 'tableCell', text: string) => ({
  type,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

// Table editing comes into a live editor after it is made (see @plenary/editor's
// tableEditing.ts): the binding redraws the section then, which must not read, in
// Suggesting mode, as a change of the person's to suggest.
it('table editing arriving in a suggesting editor changes nothing, and its rows are suggested', async () => {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('section:s1');
  writeRichText(fragment, {
    type: 'doc',
    content: [
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'Risk'), cell('tableHeader', 'Who')] },
          { type: 'tableRow', content: [cell('tableCell', 'Hate'), cell('tableCell', 'All')] },
        ],
      },
    ],
  });
  const current = new Editor({
    element: document.createElement('div'),
    extensions: [
      ...contentExtensions(),
      Collaboration.configure({ fragment }),
      SuggestingMode.configure({ author: AUTHORS[0] ?? null, mode: 'suggesting' }),
    ],
  });
  editor = current;
  const before = Y.encodeStateVector(doc);
  const commands = (await withEditingAfterReady(current)).table;
  expect(Y.encodeStateVector(doc)).toEqual(before);
  expect(JSON.stringify(readRichText(fragment).toJSON())).not.toMatch(/insertion|deletion/);

  let lastCell = 0;
  current.state.doc.descendants((node, pos) => {
    if (node.type.name === 'tableCell') lastCell = pos;
  });
  current.view.dispatch(
    current.state.tr.setSelection(TextSelection.create(current.state.doc, lastCell + 2)),
  );
  expect(current.chain().command(commands.addRowAfter()).run()).toBe(true);
  const rows = readRichText(fragment).firstChild;
  expect(rows?.childCount).toBe(3);
  expect(rows?.lastChild?.marks.map((mark) => mark.type.name)).toEqual(['insertion']);
});
