/**
 * A day at the venue in a minute: 300 stock y-websocket clients in one plan, each typing a
 * word every 10 s (30 changes a second in all) for 60 s. Counts errors (closes with a
 * code of the server's own, connection errors) and samples the server's resident memory
 * every 5 s, to see it flat after warm-up. The server runs in a process of its own.
 *
 *   node --import tsx bench/soak.ts
 *
 * Results are appended to bench/results/soak.md.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sectionFragmentName } from '@plenary/model';
import * as Y from 'yjs';
import {
  allSynced,
  connectCrowd,
  createBenchPlan,
  leave,
  machine,
  startServerProcess,
} from './support/crowd.ts';

const CLIENTS = 300;
const SECONDS = 60;
const TYPE_EVERY_MS = 10_000;
const SAMPLE_EVERY_MS = 5_000;

const server = await startServerProcess();
const plan = await createBenchPlan(server);
const crowd = connectCrowd(server, plan, CLIENTS);
await allSynced(crowd);

const rss: number[] = [];
// Other work on the machine stretches the harness's 60 s (its 300 docs share one thread).
const loadAtStart = os.loadavg()[0] ?? Number.NaN;
const cpuStart = server.cpuMs();
const start = performance.now();
let typed = 0;
const timers = crowd.map((client, index) =>
  // Staggered, so that the changes arrive evenly, as a room's typing does.
  setTimeout(
    () => {
      const type = () => {
        const fragment = client.doc.getXmlFragment(sectionFragmentName(plan.sectionId));
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`c${index}w${typed} `)]);
        fragment.insert(fragment.length, [paragraph]);
        typed += 1;
      };
      type();
      timers[index] = setInterval(type, TYPE_EVERY_MS);
    },
    (index * TYPE_EVERY_MS) / CLIENTS,
  ),
);
for (let elapsed = 0; elapsed < SECONDS * 1000; elapsed += SAMPLE_EVERY_MS) {
  await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
  rss.push(server.rssMiB());
}
for (const timer of timers) clearInterval(timer);
const cpuMs = server.cpuMs() - cpuStart;
const seconds = (performance.now() - start) / 1000;
const errors = crowd.flatMap((client) => client.errors);
// Every client holds every word once the last changes have gone round.
await allSynced(crowd);
leave(crowd);
await server.stop();

const warm = rss[3] ?? Number.NaN;
const last = rss.at(-1) ?? Number.NaN;
const line = `${CLIENTS} clients, ${seconds.toFixed(0)} s, ${typed} changes: ${errors.length} errors; server RSS MiB every 5 s: ${rss.map((mib) => mib.toFixed(0)).join(' ')} (20 s → end: ${(last - warm).toFixed(1)} MiB); server CPU ${(cpuMs / 1000).toFixed(1)} s (${(cpuMs / 10 / seconds) | 0}% of one core)`;
process.stdout.write(`${line}\n${errors.slice(0, 5).join('\n')}\n`);
appendFileSync(
  path.join(import.meta.dirname, 'results', 'soak.md'),
  `| ${new Date().toISOString().slice(0, 10)} | ${machine()}, load avg ${loadAtStart.toFixed(1)} | ${CLIENTS} | ${typed} in ${seconds.toFixed(0)} s | ${errors.length} | ${rss.map((mib) => mib.toFixed(0)).join(' ')} | ${(last - warm).toFixed(1)} MiB | ${(cpuMs / 1000).toFixed(1)} s |\n`,
);
