// @vitest-environment happy-dom
import { paragraph, richTextDoc } from '@plenary/model';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { expect, it } from 'vitest';
import { graphemeBoundaries } from './graphemeAlignment.ts';
import { AUTHORS, SuggestingClients, seededRandom } from './testing/suggestingClients.ts';

const KHMER = 'ក្រុមការងារ ព្រាងផែនការ';
// A consonant, a subscript (U+17D2 and a consonant), vowel signs and a diacritic:
// typed one code point at a time, most of these join the cluster before them.
const PIECES = ['ក', '្រ', 'ុ', 'ា', '់', 'ម', '្ម', 'េ'];

// Offsets inside each textblock where one text node ends and the next begins, which
// is where a suggestion's <ins> or <del> starts or stops.
function splitsInsideClusters(doc: ProseMirrorNode): string[] {
  const problems: string[] = [];
  doc.descendants((block) => {
    if (!block.isTextblock) return true;
    const text = block.textContent;
    const bounds = new Set(graphemeBoundaries(text));
    let offset = 0;
    block.forEach((child) => {
      offset += child.nodeSize;
      if (!bounds.has(offset)) problems.push(`${text} split at ${offset}`);
    });
    return false;
  });
  return problems;
}

// Edits are synced one after another. Two people editing the same cluster at the same
// moment can still merge into a boundary inside it: each aligned to the text it saw.
it('never splits a Khmer cluster with a suggestion boundary (two clients, in turn)', () => {
  const net = new SuggestingClients(richTextDoc(paragraph(KHMER)), AUTHORS.slice(0, 2));
  const random = seededRandom(42);
  for (let i = 0; i < 60; i++) {
    const client = net.at(i % 2);
    const size = client.editor.state.doc.content.size;
    const at = 1 + Math.floor(random() * (size - 1));
    if (random() < 0.6) {
      const piece = PIECES[Math.floor(random() * PIECES.length)] ?? 'ក';
      client.editor.chain().setTextSelection(at).insertContent(piece).run();
    } else if (at < size - 1) {
      // Backspace in Khmer removes one code point, often from the middle of a cluster.
      client.editor
        .chain()
        .setTextSelection({ from: at, to: at + 1 })
        .deleteSelection()
        .run();
    }
    expect(splitsInsideClusters(client.editor.state.doc)).toEqual([]);
    net.sync(random);
  }
  net.sync(random);
  expect(net.docs()[1]).toEqual(net.docs()[0]);
  expect(splitsInsideClusters(net.at(0).editor.state.doc)).toEqual([]);
  net.destroy();
});

it('suggests a subscript typed onto an original consonant as that cluster replaced', () => {
  const net = new SuggestingClients(richTextDoc(paragraph('កម')), AUTHORS.slice(0, 1));
  const editor = net.at(0).editor;
  // After ក, U+17D2 and រ make it the cluster ក្រ.
  editor.chain().setTextSelection(2).insertContent('្រ').run();
  expect(editor.getText()).toBe('កក្រម');
  editor.commands.decideSuggestions({ action: 'accept' });
  expect(editor.getText()).toBe('ក្រម');
  net.destroy();
});
