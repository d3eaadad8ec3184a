/**
 * How long a plan holding 1 MB of text takes to load from SQLite and sync to a client
 * that joins it cold (no room open), measured with the stock y-websocket client.
 *
 *   node --import tsx bench/loadLargePlan.ts
 *
 * The plan is built the way people make one: 20 sections typed in small edits, each
 * stored as its own update and compacted as the server would. Results are appended to
 * bench/results/load-large-plan.md.
 */
import { appendFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPlanDoc } from '@plenary/editor';
import { addSection, PLAN_TEMPLATES, readPlan, sectionFragmentName } from '@plenary/model';
import { buildApp, loadConfig } from '@plenary/server';
import { openStorage } from '@plenary/storage';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { median } from './support/stats.ts';

const TARGET_BYTES = 1024 * 1024;
const SECTIONS = 20;
const RUNS = 7;
const CHUNK = 60;

async function seed(
  dataDir: string,
): Promise<{ planId: string; textBytes: number; storedBytes: number }> {
  const storage = await openStorage({ dataDir });
  const store = storage.documents;
  const doc = createPlanDoc('Large plan', PLAN_TEMPLATES.blank);
  while (readPlan(doc).sections.length < SECTIONS)
    addSection(doc, { title: `Section ${readPlan(doc).sections.length + 1}` });
  const planId = 'benchlargeplan01';
  await store.createPlan({
    id: planId,
    title: 'Large plan',
    initialState: Y.encodeStateAsUpdate(doc),
  });
  const pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => pending.push(update));
  const sections = readPlan(doc).sections;
  let textBytes = 0;
  let appended = 0;
  const sentence =
    'The national mechanism reviews early-warning reports from civil society every quarter. ';
  while (textBytes < TARGET_BYTES) {
    for (const section of sections) {
      const fragment = doc.getXmlFragment(sectionFragmentName(section.id));
      const last = fragment.get(fragment.length - 1);
      let text = last instanceof Y.XmlElement ? last.get(0) : null;
      // A new paragraph every ~600 characters, as people write them.
      if (!(text instanceof Y.XmlText) || text.length > 600) {
        const paragraph = new Y.XmlElement('paragraph');
        text = new Y.XmlText();
        paragraph.insert(0, [text]);
        fragment.insert(fragment.length, [paragraph]);
      }
      const piece = sentence.slice(0, CHUNK);
      text.insert(text.length, piece);
      textBytes += piece.length;
    }
    for (const update of pending.splice(0)) {
      const { seq, logLength } = await store.appendUpdate(planId, update, {
        clientIds: [doc.clientID],
        participantId: null,
      });
      appended += 1;
      if (logLength >= 500) await store.compact(planId, Y.encodeStateAsUpdate(doc), seq);
    }
  }
  const storedBytes = Y.encodeStateAsUpdate(doc).byteLength;
  await storage.close();
  process.stdout.write(
    `seeded ${textBytes} bytes of text in ${appended} updates (${storedBytes} bytes encoded)\n`,
  );
  return { planId, textBytes, storedBytes };
}

async function coldJoin(dataDir: string, planId: string): Promise<number> {
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', WEB_DIST_DIR: '' });
  const app = await buildApp({
    config,
    storage: await openStorage({ dataDir }),
    logDestination: { write: () => undefined },
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const doc = new Y.Doc();
  const started = performance.now();
  const provider = new WebsocketProvider(`${address.replace('http', 'ws')}/sync`, planId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) =>
    provider.on('sync', (synced: boolean) => synced && resolve()),
  );
  const elapsed = performance.now() - started;
  provider.destroy();
  await app.close();
  return elapsed;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plenary-bench-'));
const { planId, textBytes, storedBytes } = await seed(dataDir);
const times: number[] = [];
for (let run = 0; run < RUNS; run++) times.push(await coldJoin(dataDir, planId));
const line = `| ${new Date().toISOString().slice(0, 10)} | ${os.cpus().length} cores, Node ${process.version} | ${(textBytes / 1024).toFixed(0)} KiB text, ${(storedBytes / 1024).toFixed(0)} KiB stored | ${median(times).toFixed(1)} ms | ${Math.min(...times).toFixed(1)}-${Math.max(...times).toFixed(1)} ms |`;
process.stdout.write(
  `cold load + sync, median of ${RUNS}: ${median(times).toFixed(1)} ms (${times.map((t) => t.toFixed(0)).join(', ')})\n`,
);
appendFileSync(path.resolve(import.meta.dirname, 'results/load-large-plan.md'), `${line}\n`);
