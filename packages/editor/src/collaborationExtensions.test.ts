// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { collaborationExtensions } from './collaborationExtensions.ts';
import { contentExtensions } from './contentExtensions.ts';
import { writeRichText } from './richTextFragment.ts';

const SECTION = 'section:goals';
const editors: Editor[] = [];

afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/** A section of two paragraphs, as the server sent it. */
function section(): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(SECTION);
  writeRichText(fragment, {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Reduce losses.' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Protect the coast.' }] },
    ],
  });
  return { doc, fragment };
}

/** A section editor bound to `fragment`, counting the transactions it dispatched. */
function editorOf(doc: Y.Doc, fragment: Y.XmlFragment) {
  const counted = { transactions: 0 };
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [
      ...contentExtensions(),
      ...collaborationExtensions({
        fragment,
        awareness: new Awareness(doc),
        user: { name: 'Dara', color: '#1565c0' },
      }),
    ],
    injectCSS: false,
    onTransaction: () => counted.transactions++,
  });
  editors.push(editor);
  return { editor, counted };
}

const paragraphs = (editor: Editor) => {
  const texts: string[] = [];
  editor.state.doc.forEach((node) => {
    texts.push(node.textContent);
  });
  return texts;
};

describe('collaborationExtensions', () => {
  it('makes the editor with the section text, drawn once, with no transaction replacing it', () => {
    const { doc, fragment } = section();
    const { editor, counted } = editorOf(doc, fragment);

    expect(paragraphs(editor)).toEqual(['Reduce losses.', 'Protect the coast.']);
    expect(counted.transactions).toBe(0);
  });

  it('keeps the drawn text when the plugins change, and follows Yjs both ways after', () => {
    const { doc, fragment } = section();
    const { editor, counted } = editorOf(doc, fragment);
    const drawn = editor.state.doc;

    // As the editing after ready arrives: a state reconfiguration remakes every plugin view.
    editor.registerPlugin(new Plugin({ key: new PluginKey('arriving') }));
    expect(editor.state.doc).toBe(drawn);
    expect(counted.transactions).toBe(0);

    // Someone else's change shows.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const first = remote.getXmlFragment(SECTION).get(0) as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert(0, 'Now: ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    expect(paragraphs(editor)).toEqual(['Now: Reduce losses.', 'Protect the coast.']);

    // What is typed here reaches Yjs, in the paragraph it was typed in.
    editor.commands.insertContentAt(editor.state.doc.child(0).nodeSize + 1, 'And ');
    expect(fragment.toArray().map((paragraph) => (paragraph as Y.XmlElement).toString())).toEqual([
      '<paragraph>Now: Reduce losses.</paragraph>',
      '<paragraph>And Protect the coast.</paragraph>',
    ]);
  });

  it('writes nothing back to Yjs when the drawn text is compared on the first update', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(SECTION);
    writeRichText(fragment, {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Goals' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Reduce ' },
            { type: 'text', marks: [{ type: 'bold' }], text: 'losses' },
            { type: 'text', text: ' now.' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Coast.' }] }],
            },
          ],
        },
      ],
    });
    const { editor } = editorOf(doc, fragment);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));

    // The binding compares the editor's document with Yjs on the view's first update.
    editor.commands.setTextSelection(3);
    editor.registerPlugin(new Plugin({ key: new PluginKey('arriving') }));
    editor.commands.setTextSelection(4);

    expect(updates).toEqual([]);
  });

  it('starts an empty section from an empty paragraph and writes what is typed to Yjs', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(SECTION);
    const { editor } = editorOf(doc, fragment);

    editor.commands.insertContentAt(1, 'First words.');

    expect(fragment.toString()).toBe('<paragraph>First words.</paragraph>');
  });
});
