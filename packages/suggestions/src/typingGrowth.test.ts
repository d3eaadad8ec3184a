// @vitest-environment happy-dom
import { paragraph, richTextDoc } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AUTHORS, SuggestingClients } from './testing/suggestingClients.ts';
import { markedRuns } from './testing/suggestionMarksInDoc.ts';

const KEYSTROKES = 500;

/** Every struct the doc holds (items and garbage-collected ranges), and its encoded size. */
function storedSize(doc: Y.Doc): { structs: number; bytes: number } {
  let structs = 0;
  for (const list of doc.store.clients.values()) structs += list.length;
  return { structs, bytes: Y.encodeStateAsUpdate(doc).byteLength };
}

// A plan is typed one keystroke at a time by fifty people for two days. Yjs stores a run
// typed by one person as one item; anything the binding adds per keystroke (a format
// boundary, say) splits that run and multiplies what every client loads and keeps.
describe('what typing stores', () => {
  for (const mode of ['editing', 'suggesting'] as const) {
    it(`${KEYSTROKES} keystrokes in ${mode} mode stay a handful of Yjs items`, () => {
      const net = new SuggestingClients(
        richTextDoc(paragraph('Protect civilians')),
        AUTHORS.slice(0, 1),
        {
          mode,
        },
      );
      const { editor, doc } = net.at(0);
      const before = storedSize(doc);
      for (let i = 0; i < KEYSTROKES; i++) {
        editor
          .chain()
          .setTextSelection(9 + i)
          .insertContent('x')
          .run();
      }
      const after = storedSize(doc);
      expect(editor.getText()).toBe(`Protect ${'x'.repeat(KEYSTROKES)}civilians`);
      expect(after.structs - before.structs).toBeLessThan(12);
      expect(after.bytes - before.bytes).toBeLessThan(2 * KEYSTROKES);
      net.destroy();
    });
  }
});

// Each Backspace in Suggesting mode strikes one more character through: a format item
// with the suggestion's attributes and, since the binding records it, what its author had
// seen of the paragraph (about 30 bytes for a few writers). Measured: 156 bytes a
// keystroke, 123 without that record.
describe('what deleting stores in Suggesting mode', () => {
  it('200 backspaces stay under 200 bytes each', () => {
    const text = 'Protect civilians and prevent atrocity crimes. '.repeat(10);
    const net = new SuggestingClients(richTextDoc(paragraph(text)), AUTHORS.slice(0, 2));
    net.at(1).editor.chain().setTextSelection(5).insertContent('Dara ').run();
    net.sync();
    const { editor, doc } = net.at(0);
    const before = storedSize(doc);
    let at = text.length + 'Dara '.length + 1;
    for (let i = 0; i < 200; i++) {
      editor
        .chain()
        .setTextSelection({ from: at - 1, to: at })
        .deleteSelection()
        .run();
      at -= 1;
    }
    expect(editor.getText()).toBe(`ProtDara ${text.slice(4)}`);
    const struck = markedRuns(editor.state.doc).filter((r) => r.kind === 'deletion');
    expect(struck.map((r) => r.text).join('')).toBe(text.slice(text.length - 200));
    expect(storedSize(doc).bytes - before.bytes).toBeLessThan(200 * 200);
    net.destroy();
  });
});
