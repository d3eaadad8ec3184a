/**
 * What one durable append costs the server's process, as a quiet room makes them: one
 * update per group commit, each awaited before the next (at 50 clients typing 5 edits/s,
 * few updates share an fsync). CPU is the whole process's, user and kernel, every thread:
 * the transaction, the WAL written and fsynced on the thread pool, the checkpoint thread.
 *
 *   node --import tsx bench/storageAppends.ts [--appends 3000] [--rounds 3] [--baseline DIR]
 *
 * Each run is a fresh process on a fresh database in the temporary folder; `--baseline DIR`
 * alternates with the SQLite store of another checkout (e.g. a worktree of main), so a
 * change to the append path is measured A/B in the same run. Each round also measures the
 * floor: a WAL frame's bytes written and fsynced with no database at all, which no store
 * that syncs every commit can go under. Results are appended to
 * bench/results/storage-appends.md.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { machine } from './support/machine.ts';
import { median } from './support/stats.ts';

/** Appends before the measured ones: the database, statements and JIT warmed up. */
const WARM_APPENDS = 50;

const { values: args } = parseArgs({
  options: {
    appends: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
    baseline: { type: 'string' },
    /** Internal: run one measurement against the checkout at this path and print it. */
    child: { type: 'string' },
  },
});
const appends = Number(args.appends);

/** What one run measured. */
interface AppendRun {
  cpuMs: number;
  kernelMs: number;
  /** Of `cpuMs`, the event loop's thread (Linux; null elsewhere). */
  mainThreadMs: number | null;
  wallMs: number;
}

/** CPU ms so far of the process's main thread, from /proc (Linux), in 10 ms ticks. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Stands for the floor in `--child`: no database, only what durability itself costs. */
const FLOOR = 'floor';

/**
 * The floor under any durable append on this disk: a WAL frame's worth of bytes (4 KiB
 * page and its 24-byte header) written at the end of a file and fsynced on the thread pool,
 * as the store syncs its WAL, with nothing else.
 */
async function measureFloor(): Promise<AppendRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plenary-append-bench-'));
  const file = await open(path.join(dir, 'frames'), 'w');
  const frame = Buffer.alloc(4096 + 24, 1);
  try {
    let at = 0;
    const append = async () => {
      writeSync(file.fd, frame, 0, frame.length, at);
      at += frame.length;
      await file.sync();
    };
    for (let i = 0; i < WARM_APPENDS; i++) await append();
    const cpu = process.cpuUsage();
    const mainAtStart = mainThreadCpuMs();
    const started = performance.now();
    for (let i = 0; i < appends; i++) await append();
    return runSince(cpu, mainAtStart, started);
  } finally {
    await file.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a run used since `cpu`, `mainAtStart` and `started` were read. */
function runSince(cpu: NodeJS.CpuUsage, mainAtStart: number | null, started: number): AppendRun {
  const used = process.cpuUsage(cpu);
  const mainNow = mainThreadCpuMs();
  return {
    cpuMs: (used.user + used.system) / 1000,
    kernelMs: used.system / 1000,
    mainThreadMs: mainNow === null || mainAtStart === null ? null : mainNow - mainAtStart,
    wallMs: performance.now() - started,
  };
}

async function measure(checkout: string): Promise<AppendRun> {
  const { SqliteStorage } = (await import(
    path.join(checkout, 'packages/storage/src/SqliteStorage.ts')
  )) as typeof import('@plenary/storage');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plenary-append-bench-'));
  const storage = SqliteStorage.open(path.join(dir, 'plenary.sqlite'));
  try {
    await storage.documents.createPlan({
      id: 'p1',
      title: 'Appends',
      initialState: Y.encodeStateAsUpdate(new Y.Doc()),
    });
    // One character per update, as the writers of the relay bench type.
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('t');
    for (let i = 0; i < WARM_APPENDS + appends; i++) text.insert(i, 'x');
    const origin = { clientIds: [doc.clientID], participantId: 'amina' };
    const append = (update: Uint8Array | undefined) =>
      storage.documents.appendUpdate('p1', update ?? new Uint8Array(), origin);
    for (const update of updates.slice(0, WARM_APPENDS)) await append(update);
    const cpu = process.cpuUsage();
    const mainAtStart = mainThreadCpuMs();
    const started = performance.now();
    for (const update of updates.slice(WARM_APPENDS)) await append(update);
    return runSince(cpu, mainAtStart, started);
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.child) {
  const run = args.child === FLOOR ? await measureFloor() : await measure(args.child);
  process.stdout.write(JSON.stringify(run));
} else {
  const sides: [string, string][] = [['this checkout', path.resolve(import.meta.dirname, '..')]];
  if (args.baseline) sides.push(['baseline', path.resolve(args.baseline)]);
  sides.push(['write + fsync alone (the floor)', FLOOR]);
  const runs = new Map<string, AppendRun[]>(sides.map(([label]) => [label, []]));
  const loadAtStart = machine();
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const [label, checkout] of sides) {
      const output = execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          import.meta.filename,
          '--child',
          checkout,
          '--appends',
          String(appends),
        ],
        {
          cwd: checkout === FLOOR ? process.cwd() : checkout,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      const run = JSON.parse(output) as AppendRun;
      runs.get(label)?.push(run);
      console.log(
        `${label}: ${((1000 * run.cpuMs) / appends).toFixed(0)} µs CPU per append ` +
          `(${((1000 * run.kernelMs) / appends).toFixed(0)} in the kernel, ` +
          `${run.mainThreadMs === null ? '?' : ((1000 * run.mainThreadMs) / appends).toFixed(0)} on the event loop's thread), ` +
          `${((1000 * run.wallMs) / appends).toFixed(0)} µs wall`,
      );
    }
  }
  const perAppend = (ms: number) => ((1000 * ms) / appends).toFixed(0);
  const lines = [
    '',
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${appends} appends, ${args.rounds} round(s)`,
    '',
    `${loadAtStart} at start, ${machine()} at end.` +
      (args.baseline ? ` Baseline: ${path.resolve(args.baseline)}.` : ''),
    '',
    '| store | µs CPU per append (median) | of it kernel | of it the event loop | µs wall per append | runs, µs CPU |',
    '|---|---|---|---|---|---|',
    ...sides.map(([label]) => {
      const list = runs.get(label) ?? [];
      return `| ${label} | ${perAppend(median(list.map((r) => r.cpuMs)))} | ${perAppend(median(list.map((r) => r.kernelMs)))} | ${perAppend(median(list.map((r) => r.mainThreadMs ?? Number.NaN)))} | ${perAppend(median(list.map((r) => r.wallMs)))} | ${list.map((r) => perAppend(r.cpuMs)).join(', ')} |`;
    }),
    '',
  ];
  process.stdout.write(lines.join('\n'));
  appendFileSync(path.join(import.meta.dirname, 'results/storage-appends.md'), lines.join('\n'));
}
