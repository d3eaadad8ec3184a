/**
 * What held a server's event loop, from a V8 CPU profile (`flood.ts` with
 * BENCH_CPU_PROFILE=DIR, best with BENCH_CPU_PROFILE_INTERVAL_US=250): for each stall the
 * flood's probe saw (DIR/stalls.<pid>.json), or each slow honest round trip
 * (DIR/trips.json), longest first, the functions that took its
 * time and the callbacks they ran under (a timer, an immediate, a socket's data, a
 * promise's turn, the garbage collector). `cpuProfileSummary.ts` says where the time went
 * in all; this says what came in one piece.
 *
 *   node --import tsx bench/cpuProfileHolds.ts DIR/….cpuprofile DIR/stalls.….json [top=8]
 *   node --import tsx bench/cpuProfileHolds.ts DIR/….cpuprofile DIR/trips.json [top=8]
 */
import { readFileSync } from 'node:fs';
import type { StallSpan } from './flood.ts';
import type { CpuProfile, ProfileNode } from './support/cpuProfile.ts';

const [file, stallsFile, topArg] = process.argv.slice(2);
if (!file || !stallsFile) {
  throw new Error('usage: cpuProfileHolds.ts <file.cpuprofile> <stalls.json> [top]');
}
const top = Number(topArg ?? 8);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const stalls = JSON.parse(readFileSync(stallsFile, 'utf8')) as StallSpan[];
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parentOf.set(child, node.id);

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\/.*?\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(/^file:\/\/.*?\/(packages|apps|bench)\//, '$1/');
const nameOf = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

/** The frames from the root down to `id`. */
function stackOf(id: number): ProfileNode[] {
  const stack: ProfileNode[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const node = byId.get(at);
    if (node) stack.unshift(node);
  }
  return stack;
}

// The first frames under the root say which callback of the loop ran: name the first one
// from a script of its own (ours or a package's) under Node's dispatch.
function entryOf(stack: ProfileNode[]): string {
  const own = stack.find((node) => node.callFrame.url.startsWith('file:'));
  const dispatch = stack.find((node) => node.callFrame.url.startsWith('node:'));
  const special = stack[1]?.callFrame.functionName ?? '';
  if (!own) return special.startsWith('(') ? special : dispatch ? nameOf(dispatch) : special;
  return `${dispatch ? `${dispatch.callFrame.functionName} > ` : ''}${nameOf(own)}`;
}

interface Hold {
  stall: StallSpan;
  sampledMs: number;
  /** As `sampledMs`, with the gaps between samples counted whole. */
  wallMs: number;
  self: Map<string, number>;
  entries: Map<string, number>;
}

// The server's own holds first: the smaller of the delay and the CPU it used meanwhile (its
// event loop's thread's, where known).
const held = (stall: StallSpan) => Math.min(stall.delayMs, stall.loop?.cpuMs ?? stall.cpuMs);
const holds: Hold[] = stalls
  .sort((a, b) => held(b) - held(a))
  .slice(0, top)
  .map((stall) => ({ stall, sampledMs: 0, wallMs: 0, self: new Map(), entries: new Map() }));
const add = (totals: Map<string, number>, name: string, ms: number) =>
  totals.set(name, (totals.get(name) ?? 0) + ms);
// A sample that comes long after the one before it usually means the process was not
// running meanwhile (the OS ran something else): the times below count such a gap as two
// usual intervals, so they are the server's own work; the total with the gaps is shown too.
const usualDeltaUs =
  [...profile.timeDeltas].sort((a, b) => a - b)[profile.timeDeltas.length >> 1] ?? 0;
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  const wallMs = (profile.timeDeltas[i] ?? 0) / 1000;
  const ms = Math.min(wallMs * 1000, 2 * usualDeltaUs) / 1000;
  at += profile.timeDeltas[i] ?? 0;
  const node = byId.get(id);
  if (!node || node.callFrame.functionName === '(idle)') return;
  for (const hold of holds) {
    if (at < hold.stall.fromUs || at > hold.stall.toUs) continue;
    hold.sampledMs += ms;
    hold.wallMs += wallMs;
    add(hold.self, nameOf(node), ms);
    add(hold.entries, entryOf(stackOf(id)), ms);
  }
});

// The event loop's own thread: its CPU time, and how long it waited for a core.
const loopOf = ({ loop }: StallSpan) =>
  loop
    ? ` (loop's thread ${loop.cpuMs.toFixed(0)} ms, waited for a core ${loop.waitedMs.toFixed(0)} ms)`
    : '';
const topOf = (totals: Map<string, number>, n: number) =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => `    ${ms.toFixed(1)} ms  ${name}`);
const lines = [`${file}: ${stalls.length} stalls, the ${holds.length} longest held`];
for (const { stall, sampledMs, wallMs, self, entries } of holds) {
  const sampled = `sampled ${sampledMs.toFixed(1)} ms (${wallMs.toFixed(0)} ms with gaps)`;
  lines.push(
    stall.trip
      ? `- round trip (${stall.trip}) ${stall.delayMs.toFixed(0)} ms, ${sampled}; under:`
      : `- delay ${stall.delayMs.toFixed(0)} ms, CPU ${stall.cpuMs.toFixed(0)} ms${loopOf(stall)}, ${sampled}; under:`,
  );
  lines.push(...topOf(entries, 5), '  self time:', ...topOf(self, 8));
}
process.stdout.write(`${lines.join('\n')}\n`);
