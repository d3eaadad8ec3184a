/**
 * The access point comes back: a crowd of stock y-websocket clients, each holding a word
 * typed while offline, is dropped at once and reconnects at once. Measures the server's
 * CPU time for the storm and the time until every client is synced again, for 50 and 300
 * clients (3 storms each), with the server in a process of its own.
 *
 *   node --import tsx bench/reconnectStorm.ts
 *
 * Results are appended to bench/results/reconnect-storm.md. Stock clients retry after
 * 200 ms, all together: the worst case. The web app waits 1-2 s, spread at random
 * (apps/web/src/collab/reconnectBackoff.ts), so its crowd arrives spread out.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { sectionFragmentName } from '@plenary/model';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  allSynced,
  connectCrowd,
  createBenchPlan,
  leave,
  machine,
  startServerProcess,
} from './support/crowd.ts';
import { median } from './support/stats.ts';

const SIZES = [50, 300];
const STORMS = 3;

async function storms(
  size: number,
): Promise<{ syncMs: number[]; cpuMs: number[]; errors: number }> {
  const server = await startServerProcess();
  const plan = await createBenchPlan(server);
  const crowd = connectCrowd(server, plan, size);
  await allSynced(crowd);
  const syncMs: number[] = [];
  const cpuMs: number[] = [];
  for (let storm = 0; storm < STORMS; storm++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cpuBefore = server.cpuMs();
    const start = performance.now();
    for (const [index, client] of crowd.entries()) {
      // The access point drops: no close handshake, the socket is simply gone.
      (client.provider.ws as unknown as WebSocket | null)?.terminate();
      // A word typed while offline, which the reconnect must carry to the server.
      const fragment = client.doc.getXmlFragment(sectionFragmentName(plan.sectionId));
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`s${storm}c${index} `)]);
      fragment.insert(fragment.length, [paragraph]);
    }
    // Wait for every client to notice the drop, then to be back and synced.
    while (crowd.some((client) => client.provider.synced)) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await allSynced(crowd);
    syncMs.push(performance.now() - start);
    cpuMs.push(server.cpuMs() - cpuBefore);
  }
  const errors = crowd.reduce((sum, client) => sum + client.errors.length, 0);
  leave(crowd);
  await server.stop();
  return { syncMs, cpuMs, errors };
}

const rows: string[] = [];
for (const size of SIZES) {
  const { syncMs, cpuMs, errors } = await storms(size);
  const line = `${size} clients: all synced after median ${median(syncMs).toFixed(0)} ms (${syncMs.map((ms) => ms.toFixed(0)).join(', ')}), server CPU median ${median(cpuMs).toFixed(0)} ms (${cpuMs.map((ms) => ms.toFixed(0)).join(', ')}), ${errors} errors`;
  process.stdout.write(`${line}\n`);
  rows.push(
    `| ${new Date().toISOString().slice(0, 10)} | ${machine()} | ${size} | ${median(syncMs).toFixed(0)} ms (${syncMs.map((ms) => ms.toFixed(0)).join(', ')}) | ${median(cpuMs).toFixed(0)} ms (${cpuMs.map((ms) => ms.toFixed(0)).join(', ')}) | ${errors} |`,
  );
}
appendFileSync(
  path.join(import.meta.dirname, 'results', 'reconnect-storm.md'),
  `${rows.join('\n')}\n`,
);
