/**
 * What the relay's check costs per update on a large plan: decoding an update and
 * tracing every new item and deletion to its root (`inspectUpdate`), against applying it.
 *
 *   node --import tsx bench/updateCheck.ts
 *
 * A 20-section plan holding 1 MiB of text is built in memory; then a client types 2,000
 * single characters at random places and splits 200 paragraphs, and each update is timed
 * through the check and through `Y.applyUpdate` on the server's copy. Results are appended
 * to bench/results/update-check.md.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sectionFragmentName } from '@plenary/model';
import { inspectUpdate, isUpdateProblem } from '@plenary/relay';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { percentile } from './support/stats.ts';

const SECTIONS = 20;
const TEXT_BYTES = 1024 * 1024;

function buildPlan(): Y.Doc {
  const doc = new Y.Doc();
  const sentence =
    'Civil society reports early-warning signs to the national mechanism each quarter. ';
  const perSection = Math.ceil(TEXT_BYTES / SECTIONS);
  doc.transact(() => {
    for (let s = 0; s < SECTIONS; s++) {
      const fragment = doc.getXmlFragment(sectionFragmentName(`s${s}`));
      for (let written = 0; written < perSection; written += 600) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(sentence.repeat(7).slice(0, 600))]);
        fragment.insert(fragment.length, [paragraph]);
      }
    }
  });
  return doc;
}

function randomText(gen: prng.PRNG, doc: Y.Doc): Y.XmlText {
  const fragment = doc.getXmlFragment(sectionFragmentName(`s${prng.uint32(gen, 0, SECTIONS - 1)}`));
  const paragraph = fragment.get(prng.uint32(gen, 0, fragment.length - 1)) as Y.XmlElement;
  return paragraph.get(0) as Y.XmlText;
}

function time(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1000;
}

const server = buildPlan();
const client = new Y.Doc();
Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
const gen = prng.create(42);

function measure(edit: () => void, count: number) {
  const check: number[] = [];
  const apply: number[] = [];
  for (let i = 0; i < count; i++) {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => {
      update = u;
    };
    client.on('update', capture);
    edit();
    client.off('update', capture);
    const bytes = update as Uint8Array | null;
    if (!bytes) continue;
    let ok = true;
    check.push(
      time(() => {
        ok = !isUpdateProblem(inspectUpdate(server, bytes));
      }),
    );
    if (!ok) throw new Error('an honest update was refused');
    apply.push(time(() => Y.applyUpdate(server, bytes)));
  }
  return { check, apply };
}

const typing = measure(() => {
  const text = randomText(gen, client);
  text.insert(prng.uint32(gen, 0, text.length), prng.letter(gen));
}, 2_000);
const splits = measure(() => {
  const fragment = client.getXmlFragment(
    sectionFragmentName(`s${prng.uint32(gen, 0, SECTIONS - 1)}`),
  );
  const index = prng.uint32(gen, 0, fragment.length - 1);
  const paragraph = fragment.get(index) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const at = Math.floor(text.length / 2);
  const tail = text.toString().slice(at);
  client.transact(() => {
    text.delete(at, text.length - at);
    const next = new Y.XmlElement('paragraph');
    next.insert(0, [new Y.XmlText(tail)]);
    fragment.insert(index + 1, [next]);
  });
}, 200);

const fmt = (v: number) => `${v.toFixed(1)} µs`;
const row = (name: string, m: { check: number[]; apply: number[] }) =>
  `| ${new Date().toISOString().slice(0, 10)} | ${os.cpus().length} cores, Node ${process.version} | ${name} | ${fmt(percentile(m.check, 50))} | ${fmt(percentile(m.check, 99))} | ${fmt(percentile(m.apply, 50))} |`;
const lines = [row('typing (2,000 keystrokes)', typing), row('paragraph split (200)', splits)];
process.stdout.write(`${lines.join('\n')}\n`);
appendFileSync(
  path.resolve(import.meta.dirname, 'results/update-check.md'),
  `${lines.join('\n')}\n`,
);
