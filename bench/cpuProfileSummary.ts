/**
 * Where a relay's CPU time went, from a V8 CPU profile (`relayCompare.ts --profile DIR`):
 * self time by function and by where the code lives (a package, Node itself, native code
 * such as SQLite's commit, garbage collection).
 *
 *   node --import tsx bench/cpuProfileSummary.ts DIR/plenary-….cpuprofile [top=25] [lastSeconds]
 *
 * `lastSeconds` keeps only the samples of the profile's last seconds: a relay's profile covers
 * its whole life, and start-up (module loading, setting up the room) would otherwise drown
 * the measured window, which ends shortly before the process is stopped.
 */
import { readFileSync } from 'node:fs';
import type { CpuProfile, ProfileNode } from './support/cpuProfile.ts';

/** The package or place a script URL belongs to. */
function placeOf(url: string): string {
  if (url === '') return '(native or VM)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const own = /\/(packages|apps)\/([^/]+)\//.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
}

const [file, topArg, lastArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpuProfileSummary.ts <file.cpuprofile> [top] [lastSeconds]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
const lastMs = lastArg ? Number(lastArg) * 1000 : Number.POSITIVE_INFINITY;
const endMs = profile.timeDeltas.reduce((at, delta) => at + delta / 1000, 0);
let atMs = 0;
profile.samples.forEach((id, i) => {
  const delta = (profile.timeDeltas[i] ?? 0) / 1000;
  atMs += delta;
  if (endMs - atMs > lastMs) return;
  selfMs.set(id, (selfMs.get(id) ?? 0) + delta);
});
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
const idle = [...selfMs].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)');
const idleMs = idle.reduce((sum, [, ms]) => sum + ms, 0);
const busy = total - idleMs;

const sum = (key: (node: ProfileNode) => string) => {
  const totals = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    const name = key(node);
    totals.set(name, (totals.get(name) ?? 0) + ms);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
};
const top = Number(topArg ?? 25);
const row = ([name, ms]: [string, number]) =>
  `| ${name} | ${ms.toFixed(0)} | ${((100 * ms) / busy).toFixed(1)}% |`;
const lines = [
  `${file}: ${(total / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy`,
  '',
  '| where | self ms | of busy |',
  '|---|---|---|',
  ...sum((node) => placeOf(node.callFrame.url))
    .slice(0, 15)
    .map(row),
  '',
  '| function | self ms | of busy |',
  '|---|---|---|',
  ...sum(
    (node) =>
      `${node.callFrame.functionName || '(anonymous)'} ${placeOf(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`,
  )
    .slice(0, top)
    .map(row),
];
process.stdout.write(`${lines.join('\n')}\n`);
