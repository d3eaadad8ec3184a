/**
 * How long one plan's whole-plan work holds the event loop, in CPU time (robust to a
 * shared machine descheduling the process, unlike a timer's delay): loading the plan from
 * storage (opening it, or taking back a refused update) and writing its compaction
 * snapshot, each the old way in one piece and the room's way in steps a pass of the event
 * loop apart (`applyInSteps`, `encodeUpdateSince`). For a step, the longest piece of work
 * between two pause points is what counts: the room yields at the first pause point after
 * 4 ms of a turn, so a hold is at most that plus one step.
 *
 *   node --import tsx bench/planHolds.ts [floodChars=50000]
 *
 * The plan is the flood's (bench/flood.ts): 200 paragraphs of 300 characters, then a
 * flooder's one-character changes at the start of the first, each its own struct, a few of
 * them deleted. Results are appended to bench/results/plan-holds.md.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { applyInSteps, encodeUpdateSince } from '@plenary/relay';
import * as Y from 'yjs';
import { machine } from './support/machine.ts';
import { median } from './support/stats.ts';

const floodChars = Number(process.argv[2] ?? 50_000);
const RUNS = 5;
const SENTENCE = 'The national mechanism reviews early-warning reports every quarter. ';

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The flood's plan after a flood, as one stored snapshot. */
function floodedPlan(): Uint8Array {
  const server = new Y.Doc();
  const fragment = server.getXmlFragment('section:flood');
  server.transact(() => {
    for (let p = 0; p < 200; p++) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.insert(p, [paragraph]);
      text.insert(0, SENTENCE.repeat(5).slice(0, 300));
    }
  });
  const flooder = new Y.Doc();
  Y.applyUpdate(flooder, Y.encodeStateAsUpdate(server));
  const first = (flooder.getXmlFragment('section:flood').get(0) as Y.XmlElement).get(
    0,
  ) as Y.XmlText;
  flooder.on('update', (update: Uint8Array) => Y.applyUpdate(server, update));
  for (let i = 0; i < floodChars; i++) {
    first.insert(0, 'x');
    if (i % 100 === 99) first.delete(50, 1);
  }
  return Y.encodeStateAsUpdate(server);
}

/** Runs `work`, with `pause` marking the points where the room may yield; CPU ms of each step. */
async function steps(work: (pause: () => null) => unknown): Promise<number[]> {
  const found: number[] = [];
  let last = cpuMs();
  const pause = () => {
    const now = cpuMs();
    found.push(now - last);
    last = now;
    return null;
  };
  await work(pause);
  found.push(cpuMs() - last);
  return found;
}

const snapshot = floodedPlan();
const loaded = new Y.Doc();
Y.applyUpdate(loaded, snapshot);
const structs = [...loaded.store.clients.values()].reduce((sum, list) => sum + list.length, 0);

const whole = { loadListened: [] as number[], load: [] as number[], compact: [] as number[] };
const stepped = { load: [] as number[], loadTotal: [] as number[], compact: [] as number[] };
for (let run = 0; run < RUNS; run++) {
  // The old load: one transaction, with the room's update listener attached.
  const [listened] = await steps(() => {
    const doc = new Y.Doc();
    doc.on('update', () => undefined);
    doc.transact(() => Y.applyUpdate(doc, snapshot));
  });
  whole.loadListened.push(listened ?? 0);
  const [bare] = await steps(() => Y.applyUpdate(new Y.Doc(), snapshot));
  whole.load.push(bare ?? 0);
  const loading = await steps((pause) => applyInSteps(new Y.Doc(), snapshot, pause));
  stepped.load.push(Math.max(...loading));
  stepped.loadTotal.push(loading.reduce((sum, step) => sum + step, 0));
  const [encoded] = await steps(() => Y.encodeStateAsUpdate(loaded));
  whole.compact.push(encoded ?? 0);
  stepped.compact.push(
    Math.max(...(await steps((pause) => encodeUpdateSince(loaded, new Map(), pause)))),
  );
}

const ms = (values: number[]) => `${median(values).toFixed(1)} ms`;
const row = [
  new Date().toISOString().slice(0, 10),
  machine(),
  `${floodChars} flood characters: ${structs} structs, ${Math.round(snapshot.byteLength / 1024)} KB`,
  `${ms(whole.loadListened)} (${ms(whole.load)} without a listener)`,
  `${ms(stepped.load)} (${ms(stepped.loadTotal)} in all)`,
  ms(whole.compact),
  ms(stepped.compact),
];
console.log(row.join(' | '));
appendFileSync(
  path.join(import.meta.dirname, 'results', 'plan-holds.md'),
  `| ${row.join(' | ')} |\n`,
);
