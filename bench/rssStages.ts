/**
 * Where a relay's memory grows while a room is set up: RSS and V8's spaces read by the probe
 * after each stage (idle start, the plan created, everyone joined over HTTP, every socket
 * connected, the writers typing), in one process per run.
 *
 *   node --import tsx bench/rssStages.ts [--clients 200] [--kind plenary|baseline|reference] [--baseline DIR] [--node-args ARGS]
 *
 * With PROBE_HEAP_SNAPSHOT_DIR set, the probe writes a heap snapshot at every stage.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startHarnessThread } from './support/harnessThreads.ts';
import { type RelayKind, startRelay } from './support/relayProcesses.ts';
import { prepareRoom } from './support/relayRooms.ts';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    writers: { type: 'string', default: '10' },
    kind: { type: 'string', default: 'plenary' },
    baseline: { type: 'string' },
    'node-args': { type: 'string' },
    idle: { type: 'string', default: '3000' },
  },
});
const kind = args.kind as RelayKind;
const clients = Number(args.clients);
const writers = Number(args.writers);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const f = (n: number) => n.toFixed(1);

const relay = await startRelay(kind, {
  ...(args.baseline ? { baselineDir: args.baseline } : {}),
  ...(args['node-args'] ? { plenaryNodeArgs: args['node-args'].split(' ') } : {}),
});
const stage = async (name: string) => {
  await relay.startWindow();
  const r = await relay.readWindow();
  const m = r.memory;
  const s = m.spacesMb;
  console.log(
    `${name.padEnd(10)} rss ${f(r.rssBytes / 2 ** 20)} anon ${f(m.anonMb)} file ${f(m.fileMb)} thr ${m.threads} | heap ${f(m.heapTotalMb)} used ${f(m.heapUsedMb)} | new ${f(s.new ?? 0)} old ${f(s.old ?? 0)} code ${f(s.code ?? 0)} lo ${f(s.large_object ?? 0)} | ext ${f(m.externalMb)} ab ${f(m.arrayBuffersMb)}`,
  );
};
console.log(
  `${kind}, ${clients} clients, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await sleep(Number(args.idle));
await stage('idle');
const threads = [startHarnessThread(), startHarnessThread()];
const room = await prepareRoom(relay, { clients, writers });
await stage('joined');
const shares = threads.map((_, t) => room.clients.filter((_, i) => i % threads.length === t));
const connected = await Promise.all(
  threads.map((thread, t) =>
    thread.ask<'connected'>({ type: 'connect', clients: shares[t] ?? [] }),
  ),
);
await stage('connected');
await sleep(2000);
await stage('settled');
const marks = connected.flatMap((reply) => reply.writers);
await Promise.all(
  threads.map((thread) =>
    thread.ask<'written'>({
      type: 'write',
      writers: marks,
      startAt: Date.now() + 100,
      durationMs: 10_000,
      perSecond: 5,
    }),
  ),
);
await stage('typed');
await sleep(3000);
await stage('after3s');
await Promise.all(threads.map((thread) => thread.ask<'closed'>({ type: 'close' })));
for (const thread of threads) await thread.worker.terminate();
await relay.stop();
