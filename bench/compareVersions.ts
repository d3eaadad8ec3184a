/**
 * How long comparing two versions of a 1 MiB plan takes (`compareVersions`, what the
 * history's Compare view waits for on the server).
 *
 *   node --import tsx bench/compareVersions.ts
 *
 * Five people write a 20-section plan together in 60-character pieces, taking turns, so
 * the text is made of many Yjs items by several clients, in a garbage-collecting doc as
 * the relay keeps it. That state is the earlier version. Then, for the later one, they
 * type 2,000 words at random places, delete 500 stretches, bold 200, add 100 paragraphs,
 * remove 50, rename 3 sections, add one and remove one. Each comparison is timed from the
 * two encoded states and storage-style attribution to the finished result. Results are
 * appended to bench/results/compare-versions.md.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  addSection,
  initPlan,
  readPlan,
  removeSection,
  renameSection,
  sectionFragmentName,
} from '@plenary/model';
import { compareVersions, type SectionDiff, versionAttribution } from '@plenary/versions';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { median } from './support/stats.ts';

const SECTIONS = 20;
const TEXT_BYTES = 1024 * 1024;
const PIECE = 60;
const PARAGRAPH = 600;
const WRITERS = [101, 102, 103, 104, 105];
const RUNS = 7;

const doc = new Y.Doc();
const SERVER = doc.clientID;
const updates: { clientId: number; update: Uint8Array }[] = [];
doc.on('update', (update: Uint8Array) => updates.push({ clientId: doc.clientID, update }));
const gen = prng.create(7);

// One doc plays everyone: Yjs stamps each change with the doc's client id at that moment.
function as(clientId: number, change: () => void): void {
  doc.clientID = clientId;
  doc.transact(change);
}

const sectionIds = initPlan(doc, {
  title: 'Large plan',
  groups: [],
  sections: Array.from({ length: SECTIONS }, (_, i) => ({
    title: `Section ${i + 1}`,
    groupId: null,
  })),
});
const fragments = () =>
  readPlan(doc).sections.map((s) => doc.getXmlFragment(sectionFragmentName(s.id)));

function paragraphWith(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

const words =
  'each ministry reports quarterly to the national mechanism on early warning and response '.split(
    ' ',
  );
const piece = () =>
  Array.from({ length: 12 }, () => prng.oneOf(gen, words))
    .join(' ')
    .padEnd(PIECE, ' ')
    .slice(0, PIECE);

let written = 0;
for (let turn = 0; written < TEXT_BYTES; turn++) {
  const writer = WRITERS[turn % WRITERS.length] as number;
  for (const fragment of fragments()) {
    as(writer, () => {
      const last = fragment.get(fragment.length - 1);
      const text = last instanceof Y.XmlElement ? last.get(0) : null;
      if (text instanceof Y.XmlText && text.length < PARAGRAPH) text.insert(text.length, piece());
      else fragment.insert(fragment.length, [paragraphWith(piece())]);
    });
    written += PIECE;
  }
}
const before = Y.encodeStateAsUpdate(doc);

function randomText(): { fragment: Y.XmlFragment; index: number; text: Y.XmlText } {
  const all = fragments();
  const fragment = all[prng.uint32(gen, 0, all.length - 1)] as Y.XmlFragment;
  const index = prng.uint32(gen, 0, fragment.length - 1);
  const text = (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
  return { fragment, index, text };
}
const someone = () => prng.oneOf(gen, WRITERS);

for (let i = 0; i < 2_000; i++) {
  const { text } = randomText();
  as(someone(), () => text.insert(prng.uint32(gen, 0, text.length), `${prng.oneOf(gen, words)} `));
}
for (let i = 0; i < 500; i++) {
  const { text } = randomText();
  const length = prng.uint32(gen, 5, 40);
  if (text.length > length)
    as(someone(), () => text.delete(prng.uint32(gen, 0, text.length - length), length));
}
for (let i = 0; i < 200; i++) {
  const { text } = randomText();
  if (text.length > 20)
    as(someone(), () => text.format(prng.uint32(gen, 0, text.length - 20), 20, { bold: {} }));
}
for (let i = 0; i < 100; i++) {
  const { fragment, index } = randomText();
  as(someone(), () => fragment.insert(index + 1, [paragraphWith(piece())]));
}
for (let i = 0; i < 50; i++) {
  const { fragment, index } = randomText();
  if (fragment.length > 1) as(someone(), () => fragment.delete(index, 1));
}
as(101, () => {
  for (const id of sectionIds.slice(0, 3)) renameSection(doc, id, 'Renamed section');
  addSection(doc, { title: 'Monitoring' });
  removeSection(doc, sectionIds[5] as string);
});
const after = Y.encodeStateAsUpdate(doc);

// Storage's view: which participant each client is, and a delete set per participant.
const participant = (clientId: number) => (clientId === SERVER ? null : `p${clientId}`);
const byClient = new Map<number, Uint8Array[]>();
for (const { clientId, update } of updates)
  byClient.set(clientId, [...(byClient.get(clientId) ?? []), update]);
const attribution = versionAttribution(
  WRITERS.map((clientId) => ({ clientId, participantId: participant(clientId) })),
  [...byClient].map(([clientId, list]) => {
    const merged = Y.mergeUpdates(list);
    return {
      participantId: participant(clientId),
      deletions: Y.diffUpdate(merged, Y.encodeStateVectorFromUpdate(merged)),
    };
  }),
);

function measure(from: Uint8Array, to: Uint8Array): { times: number[]; diff: SectionDiff[] } {
  const times: number[] = [];
  let diff: SectionDiff[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    diff = compareVersions(from, to, attribution);
    times.push(performance.now() - started);
  }
  return { times, diff };
}

const changed = measure(before, after);
const same = measure(after, after);
const runs = changed.diff.flatMap((s) => s.blocks.flatMap((b) => b.runs));
const changes = runs.filter((r) => r.change !== null).length;
const attributed = runs.filter((r) => r.change !== null && r.participantId !== null).length;
process.stdout.write(
  `plan: ${(written / 1024).toFixed(0)} KiB text, ${(after.byteLength / 1024).toFixed(0)} KiB encoded; ` +
    `${changes} changed runs (${attributed} attributed) in ${changed.diff.length} sections\n`,
);
const ms = (times: number[]) =>
  `${median(times).toFixed(0)} ms | ${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)} ms`;
const row = (name: string, times: number[]) =>
  `| ${new Date().toISOString().slice(0, 10)} | ${os.cpus().length} cores, Node ${process.version} | ${(written / 1024).toFixed(0)} KiB text, ${(after.byteLength / 1024).toFixed(0)} KiB encoded | ${name} | ${ms(times)} |`;
const lines = [
  row(`a day of changes (${changes} changed runs)`, changed.times),
  row('a version with itself', same.times),
];
process.stdout.write(`${lines.join('\n')}\n`);
appendFileSync(
  path.resolve(import.meta.dirname, 'results/compare-versions.md'),
  `${lines.join('\n')}\n`,
);
