// @vitest-environment happy-dom

import {
  readRichText,
  SUGGESTION_FORMAT,
  type SuggestionAuthor,
  writeRichText,
} from '@plenary/editor';
import { paragraph, richTextDoc } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepClustersWhole } from './clusterRepair.ts';
import { graphemeBoundaries } from './graphemeAlignment.ts';
import { decidedDoc } from './suggestionDecisions.ts';
import { listSuggestions } from './suggestionList.ts';
import { repairSuggestionMarks } from './suggestionMarkRepair.ts';
import { AUTHORS, SuggestingClients, seededRandom } from './testing/suggestingClients.ts';
import { markBy, markedRuns } from './testing/suggestionMarksInDoc.ts';

const [sokha, dara] = AUTHORS as [SuggestionAuthor, SuggestionAuthor];

/** A section of one paragraph with `text`, and `marks` put on its characters. */
function section(text: string, marks: [number, number, Record<string, unknown>][]) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('section:s1');
  writeRichText(fragment, richTextDoc(paragraph(text)));
  const ytext = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  for (const [index, length, attrs] of marks) ytext.format(index, length, attrs);
  return fragment;
}

const runs = (fragment: Y.XmlFragment) =>
  markedRuns(readRichText(fragment)).map((r) => [r.text, r.kind, r.authorId]);

const rewritten = (fragment: Y.XmlFragment) =>
  (fragment.doc as Y.Doc).transact(() => keepClustersWhole(fragment));

// Offsets inside each textblock where a suggestion's <ins> or <del> starts or stops.
function splitsInsideClusters(fragment: Y.XmlFragment): string[] {
  const problems: string[] = [];
  readRichText(fragment).descendants((block) => {
    if (!block.isTextblock) return true;
    const bounds = new Set(graphemeBoundaries(block.textContent));
    let offset = 0;
    block.forEach((child) => {
      offset += child.nodeSize;
      if (!bounds.has(offset)) problems.push(`${block.textContent} split at ${offset}`);
    });
    return false;
  });
  return problems;
}

// What two people changing one cluster at the same moment can leave behind, written
// directly into Yjs: each editor aligned its own change to whole clusters.
describe('keepClustersWhole', () => {
  it('rewrites a vowel sign suggested onto an original consonant as the cluster replaced', () => {
    // "កម" with "ា" suggested after ក: the cluster "កា" is half original, half suggested.
    const fragment = section('កាម', [
      [1, 1, { [SUGGESTION_FORMAT.insertion]: markBy(sokha, 's1') }],
    ]);
    expect(rewritten(fragment)).toBe(1);
    expect(runs(fragment)).toEqual([
      ['ក', 'deletion', 'u-sokha'],
      ['កា', 'insertion', 'u-sokha'],
      ['ម', null, null],
    ]);
    const doc = readRichText(fragment);
    expect(listSuggestions(doc).map((s) => [s.id, s.kind])).toEqual([['s1', 'replace']]);
    expect(decidedDoc(doc, { action: 'accept' }).textContent).toBe('កាម');
    expect(decidedDoc(doc, { action: 'reject' }).textContent).toBe('កម');
    expect(rewritten(fragment)).toBe(0);
  });

  it('takes in the cluster before a vowel sign typed after a consonant someone deleted', () => {
    // Dara deleted ក of "មកម" while Sokha typed "ា" after it: accepted, "មាម".
    const fragment = section('មកាម', [
      [1, 1, { [SUGGESTION_FORMAT.deletion]: markBy(dara, 'd1') }],
      [2, 1, { [SUGGESTION_FORMAT.insertion]: markBy(sokha, 's1') }],
    ]);
    expect(rewritten(fragment)).toBe(1);
    expect(splitsInsideClusters(fragment)).toEqual([]);
    const doc = readRichText(fragment);
    expect(decidedDoc(doc, { action: 'accept' }).textContent).toBe('មាម');
    expect(decidedDoc(doc, { action: 'reject' }).textContent).toBe('មកម');
  });

  it('leaves whole clusters and text without them alone', () => {
    const fragment = section('ក្រុម Protect', [
      [0, 4, { [SUGGESTION_FORMAT.insertion]: markBy(sokha, 's1') }],
      [6, 3, { [SUGGESTION_FORMAT.deletion]: markBy(dara, 'd1') }],
    ]);
    expect(rewritten(fragment)).toBe(0);
  });
});

const KHMER = 'ក្រុមការងារ ព្រាងផែនការ';
// A consonant, a subscript (U+17D2 and a consonant), vowel signs and a diacritic.
const PIECES = ['ក', '្រ', 'ុ', 'ា', '់', 'ម', '្ម', 'េ'];

// Twenty seeds run in CI; KHMER_SEEDS=1-300 runs more. Measured over seeds 1-300 (three
// people typing code points into the same few clusters, synced at random): without the
// server's rewrite 152 runs end with a boundary inside a cluster, with it 3, each where
// a subscript sign is left with no consonant after it (U+17D2 joins whatever follows,
// so no rewrite of nearby clusters can keep it apart).
function khmerSeeds(): number[] {
  const [from = 1, to = 20] = (process.env.KHMER_SEEDS ?? '1-20').split('-').map(Number);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('Khmer typed into the same clusters at once, through the server', () => {
  it.each(khmerSeeds())('seed %i: no suggestion boundary is left inside a cluster', (seed) => {
    const net = new SuggestingClients(richTextDoc(paragraph(KHMER)), AUTHORS.slice(0, 3), {
      server: {
        clientId: 100,
        afterUpdate: (fragment) =>
          repairSuggestionMarks(fragment, { decided: new Map(), authorOfClient: () => null }),
      },
    });
    const random = seededRandom(seed);
    for (let step = 0; step < 30; step++) {
      const { editor } = net.at(Math.floor(random() * 3));
      const size = editor.state.doc.content.size;
      const at = 1 + Math.floor(random() * (size - 1));
      if (random() < 0.6) {
        const piece = PIECES[Math.floor(random() * PIECES.length)] ?? 'ក';
        editor.chain().setTextSelection(at).insertContent(piece).run();
      } else if (at < size - 1) {
        // Backspace in Khmer removes one code point, often from the middle of a cluster.
        editor
          .chain()
          .setTextSelection({ from: at, to: at + 1 })
          .deleteSelection()
          .run();
      }
      if (random() < 0.3) net.sync(random);
    }
    net.sync(random);
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect(net.fragments()[0]).toEqual(net.docs()[0]);
    expect(splitsInsideClusters(net.at(0).fragment)).toEqual([]);
    net.destroy();
  });
});
