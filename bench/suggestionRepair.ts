/**
 * How long the server's repair of suggestion marks takes on one section
 * (`repairSuggestionMarks`, which runs after every participant's change to a section).
 *
 *   node --import tsx bench/suggestionRepair.ts
 *
 * A section of 200 paragraphs of 300 characters, half Khmer and half English, typed by
 * five people in 30-character pieces, carries 800 pending suggestions (insertions, and
 * deletions that record what their author had seen, as the editor's binding writes them)
 * and 300 decided ones already carried out. Each run repairs the section once with
 * nothing left to repair (the cost of every update) and once after a concurrent change
 * left 20 leftovers: decided marks, a deletion over text typed into it, and a mixed Khmer
 * cluster. Then, as the server now repairs after a keystroke, only the paragraph it
 * touched (`textsToRepair`). Results are appended to bench/results/suggestion-repair.md.
 */

import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEEN_KEY, SUGGESTION_FORMAT } from '@plenary/editor';
import { type DecidedSuggestion, repairSuggestionMarks, textsToRepair } from '@plenary/suggestions';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { median } from './support/stats.ts';

const PARAGRAPHS = 200;
const PARAGRAPH = 300;
const PIECE = 30;
const WRITERS = [101, 102, 103, 104, 105];
const PENDING = 800;
const DECIDED = 300;
const RUNS = 9;
const KHMER = 'ក្រុមការងារព្រាងផែនការសកម្មភាពជាតិ ';
const ENGLISH = 'The national mechanism prevents atrocity crimes. ';

const rng = prng.create(7);
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const mark = (id: string, writer: number) => ({
  id,
  authorId: `u-${writer}`,
  authorName: `Writer ${writer}`,
  groupId: 'g1',
  at: 1,
});

/** A doc per writer, kept in sync, so every piece is an item of its writer's client. */
function writeSection(): { doc: Y.Doc; texts: Y.XmlText[] } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('section:s1');
  const texts: Y.XmlText[] = [];
  for (let p = 0; p < PARAGRAPHS; p++) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(p, [paragraph]);
    texts.push(text);
  }
  const writers = WRITERS.map((clientId) => {
    const writer = new Y.Doc();
    writer.clientID = clientId;
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
    return writer;
  });
  const textOf = (writer: Y.Doc, p: number) =>
    (writer.getXmlFragment('section:s1').get(p) as Y.XmlElement).get(0) as Y.XmlText;
  for (let p = 0; p < PARAGRAPHS; p++) {
    const source = p % 2 === 0 ? KHMER : ENGLISH;
    for (let at = 0; at < PARAGRAPH; at += PIECE) {
      const writer = writers[(at / PIECE) % writers.length] as Y.Doc;
      const piece = source.repeat(3).slice(at % source.length, (at % source.length) + PIECE);
      const before = Y.encodeStateVector(doc);
      textOf(writer, p).insert(at, piece);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer, before));
      for (const other of writers) Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    }
  }
  return { doc, texts };
}

function seenOf(text: Y.XmlText): Record<string, number> {
  const seen: Record<string, number> = {};
  for (let item = text._start; item; item = item.right) {
    seen[item.id.client] = Y.getState((text.doc as Y.Doc).store, item.id.client);
  }
  return seen;
}

const { doc, texts } = writeSection();
const decided = new Map<string, DecidedSuggestion>();
const seen = Y.decodeStateVector(Y.encodeStateVector(doc));
// Where clusters start: the editor puts a suggestion's ends only there.
const clusterStart = (text: Y.XmlText, near: number): number =>
  [
    ...segmenter.segment(
      text
        .toDelta()
        .map((d: { insert: string }) => d.insert)
        .join(''),
    ),
  ]
    .map((s) => s.index)
    .filter((index) => index <= near)
    .pop() ?? 0;
doc.transact(() => {
  for (let i = 0; i < PENDING; i++) {
    const text = texts[i % PARAGRAPHS] as Y.XmlText;
    const writer = WRITERS[i % WRITERS.length] as number;
    const at = clusterStart(text, 30 * (1 + ((i / PARAGRAPHS) | 0) * 2));
    if (i % 2 === 0)
      text.insert(at, 'new words ', { [SUGGESTION_FORMAT.insertion]: mark(`p${i}`, writer) });
    else {
      const from = clusterStart(text, at + 12);
      const to = clusterStart(text, from + 10);
      text.format(from, to - from, {
        [SUGGESTION_FORMAT.deletion]: { ...mark(`p${i}`, writer), [SEEN_KEY]: seenOf(text) },
      });
    }
  }
});
for (let i = 0; i < DECIDED; i++)
  decided.set(`d${i}`, { action: i % 2 ? 'accept' : 'reject', seen });

const context = { decided, authorOfClient: () => null };
const fragment = doc.getXmlFragment('section:s1');
const leftovers = () =>
  doc.transact(() => {
    for (let i = 0; i < 20; i++) {
      const text = texts[prng.uint32(rng, 0, PARAGRAPHS - 1)] as Y.XmlText;
      const kind = i % 3;
      if (kind === 0) text.format(0, 4, { [SUGGESTION_FORMAT.insertion]: mark(`d${i}`, 101) });
      else if (kind === 1) {
        text.format(40, 8, {
          [SUGGESTION_FORMAT.deletion]: { ...mark(`x${i}`, 102), [SEEN_KEY]: seenOf(text) },
        });
        text.insert(44, 'typed at once');
      } else text.insert(2, 'ា', { [SUGGESTION_FORMAT.insertion]: mark(`k${i}`, 103) });
    }
  });

repairSuggestionMarks(fragment, context);
const idle: number[] = [];
const busy: number[] = [];
let repaired = 0;
for (let run = 0; run < RUNS; run++) {
  let start = performance.now();
  repairSuggestionMarks(fragment, context);
  idle.push(performance.now() - start);
  leftovers();
  start = performance.now();
  repaired += repairSuggestionMarks(fragment, context);
  busy.push(performance.now() - start);
}

// What the server does after a keystroke now: only the paragraph it touched, when that
// holds suggestions (here every paragraph does), is looked at.
const keystroke: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const text = texts[(run * 37) % PARAGRAPHS] as Y.XmlText;
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => {
    update = u;
  };
  doc.on('update', capture);
  text.insert(0, 'x');
  doc.off('update', capture);
  const start = performance.now();
  const scoped = textsToRepair(doc, update ? [update] : [], context).get(fragment);
  repairSuggestionMarks(fragment, context, null, scoped ?? []);
  keystroke.push(performance.now() - start);
}

const ms = (values: number[]) =>
  `${median(values).toFixed(1)} ms | ${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)} ms`;
const machine = `${os.cpus().length} cores, Node ${process.version}`;
const size = `${PARAGRAPHS} paragraphs, ${(Y.encodeStateAsUpdate(doc).byteLength / 1024).toFixed(0)} KiB encoded`;
const rows = [
  `| ${new Date().toISOString().slice(0, 10)} | ${machine} | ${size} | nothing to repair | ${ms(idle)} |`,
  `| ${new Date().toISOString().slice(0, 10)} | ${machine} | ${size} | 20 leftovers (${repaired} repairs in all) | ${ms(busy)} |`,
  `| ${new Date().toISOString().slice(0, 10)} | ${machine} | ${size} | a keystroke, only its paragraph (as the server now does) | ${ms(keystroke)} |`,
];
const results = path.join(import.meta.dirname, 'results', 'suggestion-repair.md');
appendFileSync(results, `${rows.join('\n')}\n`);
console.log(rows.join('\n'));
