/**
 * Plenary's relay side by side with the reference relay (`@y/websocket-server` 0.1.1 in
 * memory), under the same load from stock y-websocket clients, alternating A B A B. The
 * load phases also run the floor (`support/forwardRelay.mjs`): a relay that only forwards
 * each frame, unchanged, to the room's other sockets, storing and decoding nothing. Its
 * CPU per 1,000 deliveries is what the socket work costs any relay that sends one frame per
 * update per recipient; what Plenary or the reference spend above it is their own work.
 *
 *   node --import tsx bench/relayCompare.ts [--rounds 2] [--only fanout50,sync1mb] [--profile DIR] [--perf DIR] [--note TEXT] [--source] [--warmup MS] [--baseline DIR] [--node-args ARGS]
 *
 * Each run starts a fresh relay process (Plenary: its real server with SQLite in a temporary
 * DATA_DIR, tokens, rights checks and the suggestion repair), fills a room from two harness
 * threads, lets the writers type one character per edit, and records when every edit reached
 * every other client. Inside each relay a probe (`support/serverProbe.mjs`) reports CPU time,
 * RSS and event-loop delay over the measured window. `--profile DIR` writes a V8 CPU profile
 * of every Plenary process into DIR (read it with `bench/cpuProfileSummary.ts`). `--perf DIR`
 * records every thread of each relay with Linux `perf` over each measured window, CPU time
 * only (a V8 profile counts wall time, which a loaded machine inflates), into DIR; read it
 * with `bench/perfThreads.ts`, which says which thread did what: the event loop, V8's
 * helpers (optimizing compiler, garbage collector), libuv's pool (fsyncs), worker threads.
 * `--warmup MS` has the writers type the same load for MS, unmeasured, before each measured
 * window, in both relays: a freshly started relay compiles its hot code (V8's optimizing
 * compiler, on threads of its own) during its first seconds of load, and Plenary, with far
 * more code on an update's path, spends several hundred milliseconds of CPU on that which a
 * server running for hours has long paid.
 * `--baseline DIR` also runs the compiled server of another checkout (e.g. a worktree of
 * main, built there with `node apps/server/build.mjs`) in every round, between this
 * checkout's Plenary and the reference, so a change is measured A/B in the same run.
 * `--node-args ARGS` starts this checkout's Plenary (not the baseline) with those Node
 * options, e.g. `--node-args=--max-semi-space-size=8`, to try a V8 flag A/B against a baseline.
 * With PROBE_HEAP_SNAPSHOT_DIR set in the environment, each relay writes a heap snapshot there
 * when its measured window closes.
 * Results are appended to bench/results/relay-compare.md.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { connectClient, nowMs, writeParagraphs } from './support/harnessClient.ts';
import type { ThreadReply, WriterMark } from './support/harnessThread.ts';
import { type HarnessThread, startHarnessThread } from './support/harnessThreads.ts';
import {
  buildPlenary,
  type MemoryBreakdown,
  type PlenaryBuild,
  type ProbeReading,
  plenaryEntry,
  type RelayKind,
  type RelayProcess,
  type StartOptions,
  startRelay,
} from './support/relayProcesses.ts';
import { prepareRoom } from './support/relayRooms.ts';
import { median, percentile } from './support/stats.ts';

/** A load to measure: how many clients, how many of them type, how fast, for how long. */
interface LoadPhase {
  name: string;
  clients: number;
  writers: number;
  perSecond: number;
  durationMs: number;
}

const PHASES: LoadPhase[] = [
  // One person typing to one other: the relay's share of keystroke-to-remote-paint, where
  // fan-out work is nil and what is left is each update's own path through the server.
  { name: 'pair', clients: 2, writers: 1, perSecond: 10, durationMs: 8_000 },
  { name: 'fanout50', clients: 50, writers: 10, perSecond: 5, durationMs: 10_000 },
  { name: 'fanout200', clients: 200, writers: 10, perSecond: 5, durationMs: 10_000 },
  { name: 'fanout500', clients: 500, writers: 10, perSecond: 5, durationMs: 8_000 },
  { name: 'burst50x20', clients: 50, writers: 50, perSecond: 20, durationMs: 3_000 },
];
const SYNC_PHASE = 'sync1mb';
const SYNC_BYTES = 1024 * 1024;
const SYNC_SAMPLES = 5;
const THREADS = 2;
/** Time for the room to settle after everyone joined (presence, first syncs). */
const SETTLE_MS = 2_000;
/** How long stragglers may take after the last edit before they count as lost. */
const DRAIN_TIMEOUT_MS = 30_000;

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    only: { type: 'string' },
    profile: { type: 'string' },
    perf: { type: 'string' },
    /** A line for the record saying what this run is (e.g. which build it measured). */
    note: { type: 'string' },
    /** Run Plenary's TypeScript source through tsx instead of the compiled server. */
    source: { type: 'boolean', default: false },
    /** Unmeasured typing before each measured window, in ms (see above). */
    warmup: { type: 'string', default: '0' },
    /** Another checkout whose compiled server runs as `baseline` in every round. */
    baseline: { type: 'string' },
    /** Node options for this checkout's Plenary only, space-separated (e.g. a V8 flag). */
    'node-args': { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const warmupMs = Number(args.warmup);
const only = args.only ? new Set(args.only.split(',')) : null;
const wanted = (name: string) => !only || only.has(name);
const profileDir = args.profile ? path.resolve(args.profile) : undefined;
const perfDir = args.perf ? path.resolve(args.perf) : undefined;
if (perfDir) mkdirSync(perfDir, { recursive: true });
const plenaryBuild: PlenaryBuild = args.source ? 'source' : 'compiled';
const baselineDir = args.baseline ? path.resolve(args.baseline) : undefined;
const relayOptions: StartOptions = {
  plenaryBuild,
  ...(baselineDir ? { baselineDir } : {}),
  ...(profileDir ? { cpuProfileDir: profileDir } : {}),
  ...(perfDir ? { perfDir } : {}),
  ...(args['node-args'] ? { plenaryNodeArgs: args['node-args'].split(' ') } : {}),
};
if (plenaryBuild === 'compiled') buildPlenary();

/** What one run measured. */
interface RunResult {
  phase: string;
  kind: RelayKind;
  deliveries: number;
  /** Frames that brought a client something new (see `harnessThread.ts`). */
  frames: number;
  lost: number;
  disconnects: number;
  p50Ms: number;
  p99Ms: number;
  cpuPer1000Ms: number;
  probe: ProbeReading;
}

async function runLoad(
  phase: LoadPhase,
  kind: RelayKind,
  threads: HarnessThread[],
): Promise<RunResult> {
  const relay = await startRelay(kind, relayOptions);
  try {
    const room = await prepareRoom(relay, phase);
    const shares = threads.map((_, t) => room.clients.filter((_, i) => i % threads.length === t));
    const connected = await Promise.all(
      threads.map((thread, t) =>
        thread.ask<'connected'>({ type: 'connect', clients: shares[t] ?? [] }),
      ),
    );
    let writers: WriterMark[] = connected.flatMap((reply) => reply.writers);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (warmupMs > 0) {
      const warmup = await typeAndDrain(threads, writers, { ...phase, durationMs: warmupMs });
      // Each edit typed one character, one clock tick: what arrives from here on is new.
      writers = writers.map((writer) => ({
        ...writer,
        baseline: writer.baseline + (warmup.sent[writer.clientId] ?? 0),
      }));
    }

    await relay.startWindow();
    const { sendTimes, drained } = await typeAndDrain(threads, writers, phase);
    const probe = await relay.readWindow();

    const latencies: number[] = [];
    let deliveries = 0;
    for (const reply of drained)
      for (const arrivals of reply.arrivals)
        for (const [clientId, times] of Object.entries(arrivals)) {
          const sends = sendTimes.get(Number(clientId)) ?? [];
          times.forEach((arrived, n) => {
            const sentAt = sends[n];
            if (sentAt !== undefined) latencies.push(arrived - sentAt);
          });
          deliveries += Math.min(times.length, sends.length);
        }
    const expected =
      [...sendTimes.values()].reduce((sum, times) => sum + times.length, 0) * (phase.clients - 1);
    await Promise.all(threads.map((thread) => thread.ask<'closed'>({ type: 'close' })));
    return {
      phase: phase.name,
      kind,
      deliveries,
      frames: drained.reduce((sum, reply) => sum + reply.frames, 0),
      lost: expected - deliveries,
      disconnects: drained.reduce((sum, reply) => sum + reply.disconnects, 0),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      cpuPer1000Ms: (probe.cpuMs / Math.max(1, deliveries)) * 1000,
      probe,
    };
  } finally {
    await relay.stop();
  }
}

/** Has the writers type `phase`'s load, then waits until it arrived everywhere. */
async function typeAndDrain(
  threads: HarnessThread[],
  writers: WriterMark[],
  phase: LoadPhase,
): Promise<{
  sendTimes: Map<number, number[]>;
  sent: Record<number, number>;
  drained: Extract<ThreadReply, { type: 'drained' }>[];
}> {
  const startAt = Date.now() + 100;
  const written = await Promise.all(
    threads.map((thread) =>
      thread.ask<'written'>({
        type: 'write',
        writers,
        startAt,
        durationMs: phase.durationMs,
        perSecond: phase.perSecond,
      }),
    ),
  );
  const sendTimes = new Map<number, number[]>();
  for (const reply of written)
    for (const [clientId, times] of Object.entries(reply.sendTimes))
      sendTimes.set(Number(clientId), times);
  const sent = Object.fromEntries(
    [...sendTimes].map(([clientId, times]) => [clientId, times.length]),
  );
  const drained = await Promise.all(
    threads.map((thread) =>
      thread.ask<'drained'>({ type: 'drain', sent, timeoutMs: DRAIN_TIMEOUT_MS }),
    ),
  );
  return { sendTimes, sent, drained };
}

/** What the 1 MB sync run measured. */
interface SyncResult {
  kind: RelayKind;
  medianMs: number;
  samples: number[];
  stateBytes: number;
  rssBytes: number;
}

async function runSync(kind: RelayKind): Promise<SyncResult> {
  const relay: RelayProcess = await startRelay(kind, relayOptions);
  try {
    const room = await prepareRoom(relay, { clients: 0, writers: 0, extraSections: 20 });
    const editor = connectClient(room.editor);
    await editor.synced;
    writeParagraphs(editor.doc, room.sectionFragments, SYNC_BYTES);
    const full = Y.encodeStateVector(editor.doc);
    // The relay has the whole plan once a newcomer receives all of it.
    for (let attempt = 0; attempt < 100; attempt++) {
      const probe = connectClient(await room.reader());
      await probe.synced;
      const complete = Buffer.compare(Y.encodeStateVector(probe.doc), full) === 0;
      probe.destroy();
      if (complete) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const samples: number[] = [];
    for (let i = 0; i < SYNC_SAMPLES; i++) {
      const spec = await room.reader();
      const started = nowMs();
      const client = connectClient(spec);
      await client.synced;
      samples.push(nowMs() - started);
      client.destroy();
    }
    await relay.startWindow();
    const { rssBytes } = await relay.readWindow();
    editor.destroy();
    return {
      kind,
      medianMs: median(samples),
      samples,
      stateBytes: Y.encodeStateAsUpdate(editor.doc).byteLength,
      rssBytes,
    };
  } finally {
    await relay.stop();
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');

/** The probe's memory breakdown on one line, in MB. */
const memoryLine = (m: MemoryBreakdown) =>
  `anon ${fixed(m.anonMb)}, file ${fixed(m.fileMb)}, threads ${m.threads}; V8 heap ${fixed(m.heapTotalMb)} ` +
  `(used ${fixed(m.heapUsedMb)}; ${Object.entries(m.spacesMb)
    .filter(([, size]) => size >= 0.1)
    .map(([space, size]) => `${space} ${fixed(size)}`)
    .join(', ')}), external ${fixed(m.externalMb)} (ArrayBuffers ${fixed(m.arrayBuffersMb)})`;

const threads = Array.from({ length: THREADS }, startHarnessThread);
const loadAtStart = os.loadavg();
const started = new Date();
const loadResults: RunResult[] = [];
const syncResults: SyncResult[] = [];
const ORDER: RelayKind[] = baselineDir
  ? ['plenary', 'baseline', 'reference']
  : ['plenary', 'reference'];
// The floor holds no plan, so a newcomer's sync comes from a peer: it is measured under
// typing only, not in the sync of a large plan.
const LOAD_ORDER: RelayKind[] = [...ORDER, 'floor'];
for (const phase of PHASES) {
  if (!wanted(phase.name)) continue;
  for (let round = 0; round < rounds; round++)
    for (const kind of LOAD_ORDER) {
      const result = await runLoad(phase, kind, threads);
      loadResults.push(result);
      process.stdout.write(
        `${phase.name} ${kind}: p50 ${fixed(result.p50Ms)} ms, p99 ${fixed(result.p99Ms)} ms, ` +
          `CPU ${fixed(result.cpuPer1000Ms)} ms/1000 deliveries (${result.deliveries} in ${result.frames} frames; ${fixed(result.probe.systemCpuMs)} of ${fixed(result.probe.cpuMs)} ms in the kernel), lost ${result.lost}, ` +
          `loop p99 ${fixed(result.probe.loopDelayP99Ms)} ms, RSS ${mb(result.probe.rssBytes)} MB; ` +
          `CPU ms by thread: ${Object.entries(result.probe.threadCpuMs)
            .filter(([, ms]) => ms > 0)
            .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
            .join(', ')}\n` +
          `  memory: ${memoryLine(result.probe.memory)}\n`,
      );
    }
}
if (wanted(SYNC_PHASE))
  for (let round = 0; round < rounds; round++)
    for (const kind of ORDER) {
      const result = await runSync(kind);
      syncResults.push(result);
      process.stdout.write(
        `${SYNC_PHASE} ${kind}: median ${fixed(result.medianMs)} ms (${result.samples.map((s) => s.toFixed(0)).join(', ')}), ` +
          `${(result.stateBytes / 1024).toFixed(0)} KiB state, RSS ${mb(result.rssBytes)} MB\n`,
      );
    }
await Promise.all(threads.map((thread) => thread.worker.terminate()));

// The record: every run, then per measure the median of the rounds on each side.
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '',
  `## ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${rounds} round(s)`,
  '',
  `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
    `load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ` +
    `${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at end. Plenary: ` +
    `${plenaryEntry(plenaryBuild).description}${args['node-args'] ? ` with ${args['node-args']}` : ''}; reference: @y/websocket-server 0.1.1, in memory; ` +
    'floor: bench/support/forwardRelay.mjs (forwards frames, stores nothing).' +
    (baselineDir ? ` Baseline: ${baselineDir}/apps/server/dist/server.js.` : '') +
    (warmupMs > 0
      ? ` Before each measured window, ${warmupMs / 1000} s of the same typing, unmeasured (--warmup).`
      : ''),
  '',
  ...(args.note ? [`NOTE: ${args.note}`, ''] : []),
];
if (loadResults.length > 0) {
  lines.push(
    '| phase | relay | p50 ms | p99 ms | CPU ms / 1000 deliveries | deliveries | frames | lost | disconnects | loop delay p99 ms | RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...loadResults.map(
      (r) =>
        `| ${r.phase} | ${r.kind} | ${fixed(r.p50Ms)} | ${fixed(r.p99Ms)} | ${fixed(r.cpuPer1000Ms)} | ${r.deliveries} | ${r.frames} | ${r.lost} | ${r.disconnects} | ${fixed(r.probe.loopDelayP99Ms)} | ${mb(r.probe.rssBytes)} |`,
    ),
    '',
  );
}
if (syncResults.length > 0) {
  lines.push(
    '| phase | relay | median ms | samples ms | state KiB | RSS MB |',
    '|---|---|---|---|---|---|',
    ...syncResults.map(
      (r) =>
        `| ${SYNC_PHASE} | ${r.kind} | ${fixed(r.medianMs)} | ${r.samples.map((s) => s.toFixed(0)).join(', ')} | ${(r.stateBytes / 1024).toFixed(0)} | ${mb(r.rssBytes)} |`,
    ),
    '',
  );
}
// The relays the summary shows, each with a ratio to the reference but the reference itself.
const COLUMNS: RelayKind[] = baselineDir
  ? ['plenary', 'baseline', 'reference', 'floor']
  : ['plenary', 'reference', 'floor'];
const RATED = COLUMNS.filter((kind) => kind !== 'reference');
const TITLES: Record<RelayKind, string> = {
  plenary: 'Plenary',
  baseline: 'baseline',
  reference: 'reference',
  floor: 'floor',
};
const ratioTitle = (kind: RelayKind) => (kind === 'plenary' ? 'ratio' : `${TITLES[kind]} ratio`);
/** A summary row: each relay's value (null where it was not measured), then the ratios. */
const summaryRow = (
  label: string,
  value: (kind: RelayKind) => number | null,
  shown: (value: number) => string,
  rated: boolean,
) => {
  const reference = value('reference') ?? Number.NaN;
  const cell = (kind: RelayKind) => {
    const v = value(kind);
    return v === null ? '-' : shown(v);
  };
  const rate = (kind: RelayKind) => {
    const v = value(kind);
    return v === null || !rated ? '-' : ratio(v, reference);
  };
  return `| ${label} | ${COLUMNS.map(cell).join(' | ')} | ${RATED.map(rate).join(' | ')} |`;
};
const summary: string[] = [
  `| measure | ${COLUMNS.map((kind) => TITLES[kind]).join(' | ')} | ${RATED.map(ratioTitle).join(' | ')} |`,
  `|${'---|'.repeat(1 + COLUMNS.length + RATED.length)}`,
];
const side = (phase: string, kind: RelayKind, pick: (r: RunResult) => number) =>
  median(loadResults.filter((r) => r.phase === phase && r.kind === kind).map(pick));
for (const phase of PHASES) {
  if (!loadResults.some((r) => r.phase === phase.name)) continue;
  // [label, what a run measured, decimals shown]
  const measures: [string, (r: RunResult) => number, number][] = [
    ['p99 fan-out ms', (r) => r.p99Ms, 1],
    ['CPU ms / 1000 deliveries', (r) => r.cpuPer1000Ms, 1],
    ['frames per delivery', (r) => r.frames / Math.max(1, r.deliveries), 2],
    ['event-loop delay p99 ms', (r) => r.probe.loopDelayP99Ms, 1],
    ['RSS MB', (r) => r.probe.rssBytes / 2 ** 20, 1],
    ['lost deliveries (worst run)', (r) => r.lost, 1],
  ];
  for (const [label, pick, digits] of measures) {
    const worst = label.startsWith('lost');
    const of = (kind: RelayKind) =>
      worst
        ? Math.max(
            ...loadResults.filter((r) => r.phase === phase.name && r.kind === kind).map(pick),
          )
        : side(phase.name, kind, pick);
    summary.push(
      summaryRow(`${phase.name}: ${label}`, of, (value) => fixed(value, digits), !worst),
    );
  }
}
if (syncResults.length > 0) {
  // The floor holds no plan: it is not in the sync phase.
  const of = (kind: RelayKind) =>
    kind === 'floor'
      ? null
      : median(syncResults.filter((r) => r.kind === kind).map((r) => r.medianMs));
  summary.push(summaryRow(`${SYNC_PHASE}: sync to a new client ms`, of, fixed, true));
}
lines.push('Medians of the rounds:', '', ...summary, '');
const text = lines.join('\n');
process.stdout.write(text);
appendFileSync(path.resolve(import.meta.dirname, 'results/relay-compare.md'), text);
