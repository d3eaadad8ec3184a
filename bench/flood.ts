/**
 * One member floods their own section while two honest pairs edit: one pair in the same
 * plan, one in another plan. Measures the honest round trip (a keystroke in one stock
 * client until the other has it), the server's event-loop delay and its memory.
 *
 *   node --import tsx bench/flood.ts [label] [ENV=value ...]
 *
 * The server runs in a child process (so the flooder's and the pairs' own work is not
 * counted as the server's); so does the flooder, a stock y-websocket client making
 * 5,000 one-character changes a second at the start of a section of 200 paragraphs of
 * 300 characters (100 of them carrying suggestions) for 10 seconds. `ENV=value`
 * arguments go to the server's environment (e.g. generous limits, to see the flood
 * without its fair share). Results are appended to bench/results/flood.md.
 *
 * Over 400 lines on purpose: this one file is also the server's and the flooder's child
 * process (the role in its first argument, at the bottom), so the three roles of one run
 * stay together and are read in the order they run.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sectionFragmentName } from '@plenary/model';
import { buildApp, loadConfig } from '@plenary/server';
import { openStorage } from '@plenary/storage';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { median, percentile } from './support/stats.ts';

const FLOOD_PER_SECOND = 5_000;
const FLOOD_SECONDS = 10;
const TICK_MS = 10;
const PARAGRAPHS = 200;
const PARAGRAPH = 300;
const SAMPLE_EVERY_MS = 100;
const SAMPLE_TIMEOUT_MS = 30_000;
const STALL_MS = 20;
/** With a CPU profile, stalls from this long are kept for cpuProfileHolds.ts. */
const PROFILED_STALL_MS = 10;
/** With a CPU profile, honest round trips from this long are kept for cpuProfileHolds.ts. */
const PROFILED_TRIP_MS = 50;
const STALL_PROBE_MS = 5;
const SENTENCE = 'The national mechanism reviews early-warning reports every quarter. ';

interface Joined {
  planId: string;
  sectionId: string;
  token: string;
}

interface ServerStats {
  lagP50: number;
  lagP99: number;
  lagMax: number;
  /** Times the server's event loop was held for 20 ms or more (a timer due every 5 ms came that late). */
  stalls: number;
  /** Of those, the ones in which the server used 20 ms of CPU or more: its own work, not the OS. */
  busyStalls: number;
  /** The longest hold that was the server's own work: the smaller of the delay and the CPU used. */
  longestHold: number;
  /**
   * As `longestHold`, with the CPU time of the event loop's own thread only (Linux), not
   * the process's other threads (garbage collection helpers, storage's fsync and
   * checkpoint threads), which run while the loop may be waiting for the OS; null elsewhere.
   */
  longestLoopHold: number | null;
  rssMb: number;
  closes: Record<string, number>;
}

type Role =
  | { role: 'server'; env: Record<string, string> }
  | { role: 'flooder'; url: string; who: Joined };

/** A stall of the server's loop, or a slow honest round trip, for cpuProfileHolds.ts. */
export interface StallSpan {
  fromUs: number;
  toUs: number;
  delayMs: number;
  /** The server's CPU time in the span; for a round trip, unknown (its length). */
  cpuMs: number;
  /** Of it, the event loop's thread's; and how long that thread waited for a core (Linux). */
  loop?: { cpuMs: number; waitedMs: number };
  /** Which pair's round trip this was; none for a stall. */
  trip?: string;
}

/** Now on the clock V8's CPU profiles use, in microseconds. */
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * CPU time the calling thread used so far, and how long it waited for a core while
 * runnable, in ms (Linux's schedstat); null where there is none.
 */
function threadSchedMs(): { cpuMs: number; waitedMs: number } | null {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return { cpuMs: Number(run) / 1e6, waitedMs: Number(wait) / 1e6 };
  } catch {
    return null;
  }
}

/** CPU time this process used so far (all its threads, so garbage collection helpers count too). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// --- child: the server -------------------------------------------------------------
async function runServer(env: Record<string, string>): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'plenary-flood-'));
  const closes: Record<string, number> = {};
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST_DIR: '',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await buildApp({
    config,
    storage: await openStorage({ dataDir }),
    relayExtensions: [
      {
        name: 'count-closes',
        onRefusal: ({ code }) => {
          closes[code] = (closes[code] ?? 0) + 1;
        },
      },
    ],
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  let lag = monitorEventLoopDelay({ resolution: 1 });
  let peakRss = 0;
  const rss = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  // A late timer on a shared machine may only mean the OS ran someone else: the CPU time
  // the server used meanwhile tells how long its own work held the loop.
  let stalls = 0;
  let busyStalls = 0;
  let longestHold = 0;
  let longestLoopHold = 0;
  let lastTick = performance.now();
  let lastCpu = cpuMs();
  let lastSched = threadSchedMs();
  // With a CPU profile, each stall's span on the profile's clock (microseconds of the
  // monotonic clock, as process.hrtime), so cpuProfileHolds.ts can say what ran in it.
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const stallSpans: StallSpan[] = [];
  let lastTickUs = monotonicUs();
  const stallProbe = setInterval(() => {
    const now = performance.now();
    const nowUs = monotonicUs();
    const cpu = cpuMs();
    const sched = threadSchedMs();
    const gap = now - lastTick - STALL_PROBE_MS;
    const used = cpu - lastCpu;
    const loop =
      sched && lastSched
        ? { cpuMs: sched.cpuMs - lastSched.cpuMs, waitedMs: sched.waitedMs - lastSched.waitedMs }
        : undefined;
    if (gap >= PROFILED_STALL_MS && profileDir) {
      stallSpans.push({ fromUs: lastTickUs, toUs: nowUs, delayMs: gap, cpuMs: used, loop });
    }
    if (loop) longestLoopHold = Math.max(longestLoopHold, Math.min(gap, loop.cpuMs));
    lastSched = sched;
    lastTickUs = nowUs;
    if (gap >= STALL_MS) stalls += 1;
    if (gap >= STALL_MS && used >= STALL_MS) busyStalls += 1;
    longestHold = Math.max(longestHold, Math.min(gap, used));
    lastTick = now;
    lastCpu = cpu;
  }, STALL_PROBE_MS);
  process.on('message', (message: string) => {
    if (message === 'start') {
      lag = monitorEventLoopDelay({ resolution: 1 });
      lag.enable();
      stallSpans.length = 0;
      peakRss = process.memoryUsage().rss;
      stalls = 0;
      busyStalls = 0;
      longestHold = 0;
      longestLoopHold = 0;
    }
    if (message === 'stats') {
      lag.disable();
      const stats: ServerStats = {
        lagP50: lag.percentile(50) / 1e6,
        lagP99: lag.percentile(99) / 1e6,
        lagMax: lag.max / 1e6,
        rssMb: peakRss / 1024 / 1024,
        stalls,
        busyStalls,
        longestHold,
        longestLoopHold: lastSched ? longestLoopHold : null,
        closes,
      };
      process.send?.(stats);
    }
    if (message === 'stop') {
      if (profileDir) {
        writeFileSync(
          path.join(profileDir, `stalls.${process.pid}.json`),
          JSON.stringify(stallSpans),
        );
      }
      clearInterval(rss);
      clearInterval(stallProbe);
      void app.close().then(() => process.exit(0));
    }
  });
  process.send?.({ address });
}

// --- child: the flooder ------------------------------------------------------------
async function runFlooder(url: string, who: Joined): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, who.planId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: who.token },
  });
  const closes: Record<string, number> = {};
  provider.on('connection-close', (event) => {
    if (event) closes[event.code] = (closes[event.code] ?? 0) + 1;
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const fragment = doc.getXmlFragment(sectionFragmentName(who.sectionId));
  const first = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const perTick = (FLOOD_PER_SECOND * TICK_MS) / 1000;
  const ticks = (FLOOD_SECONDS * 1000) / TICK_MS;
  let made = 0;
  const started = performance.now();
  for (let tick = 0; tick < ticks; tick++) {
    for (let i = 0; i < perTick; i++) {
      first.insert(0, 'x');
      made += 1;
    }
    const due = started + (tick + 1) * TICK_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  process.send?.({ made, seconds: (performance.now() - started) / 1000, closes });
  provider.destroy();
  process.exit(0);
}

// --- main --------------------------------------------------------------------------
// BENCH_CPU_PROFILE=<dir> writes a CPU profile of the server there (to see where its time
// goes: cpuProfileSummary.ts; what held its loop: cpuProfileHolds.ts), sampled every
// BENCH_CPU_PROFILE_INTERVAL_US (V8's default, 1,000). BENCH_SERVER_NODE_ARGS (space
// separated) go to the server's Node alone, e.g. to compare V8 heap settings.
function child(role: Role): ChildProcess {
  const server = role.role === 'server';
  const profile = server ? process.env.BENCH_CPU_PROFILE : undefined;
  const interval = process.env.BENCH_CPU_PROFILE_INTERVAL_US;
  const nodeArgs = (server && process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean)) || [];
  const execArgv = [
    ...nodeArgs,
    '--import',
    'tsx',
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ...(profile && interval ? [`--cpu-prof-interval=${interval}`] : []),
  ];
  return fork(import.meta.filename, [JSON.stringify(role)], { execArgv });
}

function nextMessage<T>(process: ChildProcess): Promise<T> {
  return new Promise((resolve) => process.once('message', (message) => resolve(message as T)));
}

async function api(base: string, method: string, url: string, token?: string, body?: unknown) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface Plan {
  id: string;
  facilitatorToken: string;
  sections: { id: string; groupId: string | null }[];
}

async function member(base: string, plan: Plan, groupId: string, name: string): Promise<string> {
  const invite = await api(base, 'POST', `/api/plans/${plan.id}/invites`, plan.facilitatorToken, {
    role: 'member',
    groupId,
  });
  const joined = await api(base, 'POST', `/api/plans/${plan.id}/participants`, invite.token, {
    name,
  });
  return joined.sessionToken;
}

function connect(url: string, planId: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, planId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}

/** Writes the flooder's big section: 200 paragraphs, every other one with a suggestion. */
function fillSection(doc: Y.Doc, sectionId: string): void {
  const fragment = doc.getXmlFragment(sectionFragmentName(sectionId));
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    for (let p = 0; p < PARAGRAPHS; p++) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.insert(p, [paragraph]);
      text.insert(0, SENTENCE.repeat(5).slice(0, PARAGRAPH));
      if (p % 2 === 1) {
        text.format(10, 40, {
          insertion: { id: `s${p}`, authorId: 'u-x', authorName: 'X', groupId: null, at: 1 },
        });
      }
    }
  });
}

/** One honest pair: a keystroke by the writer until the reader has it, every 100 ms. */
async function measurePair(
  url: string,
  planId: string,
  sectionId: string,
  tokens: [string, string],
  until: number,
  slowTrips: StallSpan[] = [],
  name = 'pair',
): Promise<number[]> {
  const writer = connect(url, planId, tokens[0]);
  const reader = connect(url, planId, tokens[1]);
  await Promise.all([writer.synced, reader.synced]);
  const textOf = (doc: Y.Doc) => {
    const fragment = doc.getXmlFragment(sectionFragmentName(sectionId));
    if (fragment.length === 0) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText()]);
      fragment.insert(0, [paragraph]);
    }
    return (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  };
  const samples: number[] = [];
  for (let n = 0; Date.now() < until; n++) {
    const marker = `#${n}.`;
    const seen = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('round trip timed out')), SAMPLE_TIMEOUT_MS);
      const check = () => {
        if (!textOf(reader.doc).toString().includes(marker)) return;
        clearTimeout(timer);
        reader.doc.off('afterTransaction', check);
        resolve();
      };
      reader.doc.on('afterTransaction', check);
    });
    const sent = performance.now();
    const sentUs = monotonicUs();
    textOf(writer.doc).insert(textOf(writer.doc).length, marker);
    await seen.catch(() => undefined);
    const ms = performance.now() - sent;
    samples.push(ms);
    if (ms >= PROFILED_TRIP_MS) {
      slowTrips.push({ fromUs: sentUs, toUs: monotonicUs(), delayMs: ms, cpuMs: ms, trip: name });
    }
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
  }
  writer.provider.destroy();
  reader.provider.destroy();
  return samples;
}

async function main(label: string, env: Record<string, string>): Promise<void> {
  const server = child({ role: 'server', env });
  const { address } = await nextMessage<{ address: string }>(server);
  const url = `${address.replace(/^http/, 'ws')}/sync`;
  const create = () =>
    api(address, 'POST', '/api/plans', undefined, {
      title: 'Flood',
      template: 'r2p-nap',
    }) as Promise<Plan>;
  const [busy, other] = await Promise.all([create(), create()]);
  const grouped = (plan: Plan) => plan.sections.filter((s) => s.groupId !== null);
  const [floodSection, pairSection] = grouped(busy) as [Plan['sections'][0], Plan['sections'][0]];
  const [otherSection] = grouped(other) as [Plan['sections'][0]];
  // The flooder's section is large before the flood starts.
  const facilitator = connect(url, busy.id, busy.facilitatorToken);
  await facilitator.synced;
  fillSection(facilitator.doc, floodSection.id);
  await new Promise((resolve) => setTimeout(resolve, 500));
  facilitator.provider.destroy();

  const floodToken = await member(address, busy, floodSection.groupId as string, 'Flooder');
  const samePlan: [string, string] = [
    await member(address, busy, pairSection.groupId as string, 'Writer'),
    await member(address, busy, pairSection.groupId as string, 'Reader'),
  ];
  const otherPlan: [string, string] = [
    await member(address, other, otherSection.groupId as string, 'Writer'),
    await member(address, other, otherSection.groupId as string, 'Reader'),
  ];
  // Before the flood: the honest round trip on a quiet server.
  const quiet = await measurePair(url, other.id, otherSection.id, otherPlan, Date.now() + 2_000);

  server.send('start');
  const flooder = child({
    role: 'flooder',
    url,
    who: { planId: busy.id, sectionId: floodSection.id, token: floodToken },
  });
  const flooded = nextMessage<{ made: number; seconds: number; closes: Record<string, number> }>(
    flooder,
  );
  const until = Date.now() + FLOOD_SECONDS * 1000;
  const slowTrips: StallSpan[] = [];
  const [same, elsewhere, flood] = await Promise.all([
    measurePair(url, busy.id, pairSection.id, samePlan, until, slowTrips, 'same plan'),
    measurePair(url, other.id, otherSection.id, otherPlan, until, slowTrips, 'other plan'),
    flooded,
  ]);
  const profileDir = process.env.BENCH_CPU_PROFILE;
  if (profileDir) {
    writeFileSync(path.join(profileDir, 'trips.json'), JSON.stringify(slowTrips));
  }
  server.send('stats');
  const stats = await nextMessage<ServerStats>(server);
  server.send('stop');

  const summary = (samples: number[]) =>
    `${median(samples).toFixed(1)} ms / ${percentile(samples, 90).toFixed(1)} ms / ${Math.max(...samples).toFixed(0)} ms (${samples.length})`;
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
  const machine = `${os.cpus().length} cores, Node ${process.version}, load ${load}`;
  const closes =
    Object.entries(flood.closes)
      .map(([code, count]) => `${count}× ${code}`)
      .join(', ') || 'none';
  const row = [
    new Date().toISOString().slice(0, 10),
    machine,
    label,
    `${Math.round(flood.made / flood.seconds)}/s for ${flood.seconds.toFixed(1)} s; closed ${closes}`,
    summary(quiet),
    summary(same),
    summary(elsewhere),
    `${stats.lagP50.toFixed(1)} / ${stats.lagP99.toFixed(1)} / ${stats.lagMax.toFixed(0)} ms; ${stats.stalls} stalls ≥ ${STALL_MS} ms, ${stats.busyStalls} of them busy; longest busy hold ${stats.longestHold.toFixed(0)} ms${stats.longestLoopHold === null ? '' : ` (event loop's thread: ${stats.longestLoopHold.toFixed(0)} ms)`}`,
    `${stats.rssMb.toFixed(0)} MB`,
  ];
  console.log(row.join(' | '));
  appendFileSync(path.join(import.meta.dirname, 'results', 'flood.md'), `| ${row.join(' | ')} |\n`);
}

const [first, ...rest] = process.argv.slice(2);
const role = first?.startsWith('{') ? (JSON.parse(first) as Role) : null;
if (role?.role === 'server') await runServer(role.env);
else if (role?.role === 'flooder') await runFlooder(role.url, role.who);
else {
  const env = Object.fromEntries(rest.map((pair) => pair.split('=', 2) as [string, string]));
  await main(first ?? 'defaults', env);
  process.exit(0);
}
