/**
 * The relays the side-by-side harness compares, each started as its own process with the
 * same probe loaded (`serverProbe.mjs`): Plenary's real server (SQLite with its durable
 * writes, tokens and rights checks, the suggestion repair), the reference relay
 * `@y/websocket-server` 0.1.1, in memory, and the floor (`forwardRelay.mjs`), which only
 * forwards frames.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Which relay runs: `plenary` (this checkout), `baseline` (Plenary compiled in another
 * checkout, e.g. main, for A/B runs), `reference`, or `floor` (forwards every frame
 * unchanged and does nothing else: what the socket work alone costs).
 */
export type RelayKind = 'plenary' | 'baseline' | 'reference' | 'floor';

/** The relays that hold no plan of Plenary's: a room is a name, and anyone may join it. */
export const isStockRelay = (kind: RelayKind): boolean => kind === 'reference' || kind === 'floor';

/** A relay's memory by kind, in MB, as the probe reads it. */
export interface MemoryBreakdown {
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  /** Each V8 heap space's resident size (new, old, code, large_object...). */
  spacesMb: Record<string, number>;
  anonMb: number;
  fileMb: number;
  threads: number;
}

/** What the probe in a relay process reports over a measured window. */
export interface ProbeReading {
  wallMs: number;
  cpuMs: number;
  /** The part of `cpuMs` spent in the kernel (socket writes, storage writes and fsyncs). */
  systemCpuMs: number;
  /** CPU ms per thread name over the window, in 10 ms ticks (Linux; `main` is the event loop). */
  threadCpuMs: Record<string, number>;
  rssBytes: number;
  /** Where the RSS is when the window closes (see `memoryBreakdown` in the probe). */
  memory: MemoryBreakdown;
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** A running relay process. */
export interface RelayProcess {
  kind: RelayKind;
  port: number;
  /** Opens a measured window in the relay's probe. */
  startWindow(): Promise<void>;
  /** Closes the window: CPU, RSS and event-loop delay since `startWindow`. */
  readWindow(): Promise<ProbeReading>;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
const PROBE = path.join(import.meta.dirname, 'serverProbe.mjs');
const REFERENCE_ENTRY = path.join(repoRoot, 'bench/node_modules/@y/websocket-server/src/server.js');
const FLOOR_ENTRY = path.join(import.meta.dirname, 'forwardRelay.mjs');
/** The compiled server `npm start` runs, and its TypeScript source (run through tsx). */
const PLENARY_ENTRY = path.join(repoRoot, 'apps/server/dist/server.js');
const PLENARY_SOURCE = path.join(repoRoot, 'apps/server/src/server.ts');

/** How the Plenary relay is run: compiled as `npm start` runs it, or its source through tsx. */
export type PlenaryBuild = 'compiled' | 'source';

/**
 * The Node options a checkout's compiled server runs with under `npm start`
 * (apps/server/nodeFlags.mjs); none for a checkout from before it had them.
 */
export async function serverNodeFlags(checkout: string): Promise<string[]> {
  const file = path.join(checkout, 'apps/server/nodeFlags.mjs');
  if (!existsSync(file)) return [];
  const flags: { SERVER_NODE_FLAGS: string[] } = await import(pathToFileURL(file).href);
  return flags.SERVER_NODE_FLAGS;
}

/** Compiles the server as `npm start` does, so that a run never measures a stale build. */
export function buildPlenary(): void {
  execFileSync(process.execPath, [path.join(repoRoot, 'apps/server/build.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export function plenaryEntry(build: PlenaryBuild): { args: string[]; description: string } {
  return build === 'compiled'
    ? {
        args: [PLENARY_ENTRY],
        description: 'compiled apps/server/dist/server.js (as `npm start`, with its Node options)',
      }
    : { args: ['--import', 'tsx', PLENARY_SOURCE], description: 'TypeScript source through tsx' };
}

/** A port nobody listens on right now (the reference relay cannot be told to pick one). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Resolves once `url` answers, or fails after `timeoutMs`. */
async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the relay exited (${child.exitCode})`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Asks the probe something and waits for its answer of the given kind. */
function ask<T>(child: ChildProcess, probe: string, answer: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { probe?: string }) => {
      if (message?.probe !== answer) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.send({ probe });
  });
}

/** Options for a relay process. */
export interface StartOptions {
  /** Folder for a V8 CPU profile of the relay (`--cpu-prof`), written when it stops. */
  cpuProfileDir?: string;
  /** How Plenary is run; compiled unless said otherwise. */
  plenaryBuild?: PlenaryBuild;
  /** The checkout whose compiled server the `baseline` relay runs. */
  baselineDir?: string;
  /**
   * Folder for a Linux `perf` recording of every thread of the relay over each measured
   * window (`perf record -g`, CPU time only; read it with `bench/perfThreads.ts`).
   */
  perfDir?: string;
  /** Node options for this checkout's Plenary only (e.g. a V8 flag under test), not the baseline. */
  plenaryNodeArgs?: string[];
}

/** perf's sampling rate: about one sample per millisecond of CPU on each thread. */
const PERF_HZ = 999;
/** Time for `perf record` to attach to the relay's threads before the window opens. */
const PERF_ATTACH_MS = 300;

/** Records every thread of process `pid` with `perf` into `file` until stopped. */
async function startPerf(pid: number, file: string): Promise<() => Promise<void>> {
  const perf = spawn(
    'perf',
    ['record', '-q', '-F', String(PERF_HZ), '-g', '-p', String(pid), '-o', file],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise((resolve) => perf.once('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, PERF_ATTACH_MS));
  return async () => {
    // SIGINT makes perf write its file and exit.
    if (perf.exitCode === null) perf.kill('SIGINT');
    await exited;
  };
}

/** Starts one relay on a free loopback port and waits until it answers HTTP. */
export async function startRelay(
  kind: RelayKind,
  options: StartOptions = {},
): Promise<RelayProcess> {
  const port = await freePort();
  const dataDir = isStockRelay(kind)
    ? null
    : mkdtempSync(path.join(os.tmpdir(), 'plenary-relay-bench-'));
  const profiling = [
    ...(options.cpuProfileDir
      ? // Node names each thread's profile by process and thread id, so none overwrites another.
        ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
      : []),
    // perf reads the names of compiled JavaScript functions from /tmp/perf-PID.map.
    ...(options.perfDir ? ['--perf-basic-prof'] : []),
  ];
  if (kind === 'baseline' && !options.baselineDir) throw new Error('baseline: no baselineDir');
  const entry = {
    reference: [REFERENCE_ENTRY],
    floor: [FLOOR_ENTRY],
    baseline: [path.join(options.baselineDir ?? '', 'apps/server/dist/server.js')],
    plenary: plenaryEntry(options.plenaryBuild ?? 'compiled').args,
  }[kind];
  // Each checkout's compiled server as its `npm start` runs it, with its Node options.
  const startFlags =
    kind === 'baseline'
      ? await serverNodeFlags(options.baselineDir ?? '')
      : kind === 'plenary' && (options.plenaryBuild ?? 'compiled') === 'compiled'
        ? await serverNodeFlags(repoRoot)
        : [];
  const nodeArgs = [...startFlags, ...(kind === 'plenary' ? (options.plenaryNodeArgs ?? []) : [])];
  const child = spawn(process.execPath, [...profiling, ...nodeArgs, '--import', PROBE, ...entry], {
    cwd: kind === 'baseline' ? options.baselineDir : repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...(dataDir ? { DATA_DIR: dataDir, WEB_DIST_DIR: '' } : {}),
    },
    // RELAY_STDOUT=1 shows the relay's own output (e.g. `--node-args=--trace-gc`).
    stdio: ['ignore', process.env.RELAY_STDOUT ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  await waitForHttp(
    isStockRelay(kind) ? `http://127.0.0.1:${port}/` : `http://127.0.0.1:${port}/api/health`,
    child,
  );
  const { perfDir } = options;
  let windows = 0;
  let stopPerf: (() => Promise<void>) | null = null;
  return {
    kind,
    port,
    startWindow: async () => {
      if (perfDir && child.pid !== undefined) {
        windows += 1;
        stopPerf = await startPerf(
          child.pid,
          path.join(perfDir, `${kind}-${child.pid}-${windows}.data`),
        );
      }
      await ask(child, 'start', 'started');
    },
    readWindow: async () => {
      const reading = await ask<ProbeReading>(child, 'read', 'reading');
      await stopPerf?.();
      stopPerf = null;
      return reading;
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // SIGINT lets Plenary close its rooms and Node write the CPU profile.
        child.kill('SIGINT');
        await exited;
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
