/**
 * The frame fuzzer at length: up to a million fuzzed y-websocket frames against a real
 * server while honest stock clients keep typing (see apps/server/test/support/frameFuzzer.ts).
 *
 *   node --import tsx bench/fuzzFrames.ts [frames] [seed] [minutes]
 *
 * Defaults: 1,000,000 frames, a random seed, no time limit. Runs in rounds of 50,000 frames,
 * each on a fresh server and plan with its own seed (seed, seed + 1, …), so one plan does
 * not grow without end; stops at the first failing round, or when the minutes are up.
 * Prints progress, a summary per round and a total, and appends the result to
 * bench/results/fuzz-frames.md. A failing round prints its seed: rerun it with
 * `FUZZ_SEED=<seed> FUZZ_FRAMES=50000 npx vitest run apps/server/test/frameFuzz.test.ts`.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import { type FrameFuzzReport, runFrameFuzz } from '../apps/server/test/support/frameFuzzer.ts';

const ROUND_FRAMES = 50_000;
const total = Number(process.argv[2] ?? 1_000_000);
const firstSeed = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31));
const minutes = Number(process.argv[4] ?? Number.POSITIVE_INFINITY);
const deadline = Date.now() + minutes * 60_000;

const rounds: FrameFuzzReport[] = [];
let sent = 0;
const started = Date.now();
for (let round = 0; sent < total && Date.now() < deadline; round++) {
  const seed = firstSeed + round;
  const frames = Math.min(ROUND_FRAMES, total - sent);
  const report = await runFrameFuzz({
    seed,
    frames,
    progressEvery: Number(process.env.FUZZ_PROGRESS ?? 5_000),
    onProgress: (p) =>
      console.log(
        `  seed ${seed}: ${sent + p.frames} frames, ${Math.round(p.frames / (p.elapsedMs / 1000))}/s, ` +
          `${p.closes} sockets closed by the server, RSS ${p.rssMB} MB, heap ${p.heapMB} MB`,
      ),
  });
  rounds.push(report);
  sent += report.frames;
  const rate = Math.round(report.frames / (report.elapsedMs / 1000));
  console.log(
    `round ${round + 1} (seed ${seed}): ${report.frames} frames in ${(report.elapsedMs / 1000).toFixed(1)} s ` +
      `(${rate}/s), ${report.failures.length} failures, ${report.findings.length} findings, ` +
      `RSS warm ${report.memory.warmRssMB} MB, peak ${report.memory.peakRssMB} MB, end ${report.memory.endRssMB} MB, ` +
      `plan ${report.memory.planKB} KB`,
  );
  for (const failure of report.failures) console.log(`  FAILURE ${failure}`);
  if (report.failures.length > 0) break;
}

const elapsed = (Date.now() - started) / 1000;
const failures = rounds.flatMap((r) => r.failures);
const findings = rounds.flatMap((r) => r.findings);
const outcomes: Record<string, number> = {};
for (const round of rounds)
  for (const [name, count] of Object.entries(round.outcomes))
    outcomes[name] = (outcomes[name] ?? 0) + count;
const peak = Math.max(...rounds.map((r) => r.memory.peakRssMB));
const growth = Math.max(...rounds.map((r) => r.memory.endRssMB - r.memory.warmRssMB));
const outcomeText = Object.entries(outcomes)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, count]) => `${name}: ${count.toLocaleString('en')}`)
  .join(', ');
console.log(
  `\n${sent.toLocaleString('en')} frames in ${elapsed.toFixed(0)} s (${Math.round(sent / elapsed)}/s), ` +
    `${rounds.length} rounds from seed ${firstSeed}: ${failures.length} failures, ${findings.length} findings`,
);
console.log(`outcomes: ${outcomeText}`);
console.log(
  `RSS peak ${peak} MB; largest growth within a round after warm-up ${growth.toFixed(1)} MB`,
);
for (const finding of findings.slice(0, 20)) console.log(`  finding: ${finding}`);

const date = new Date().toISOString().slice(0, 10);
const machine = `${os.cpus().length} cores, Node ${process.version}`;
appendFileSync(
  new URL('results/fuzz-frames.md', import.meta.url),
  `| ${date} | ${machine} | ${firstSeed} (${rounds.length} rounds) | ${sent.toLocaleString('en')} | ` +
    `${elapsed.toFixed(0)} s (${Math.round(sent / elapsed)}/s) | ${failures.length} | ` +
    `${findings.length} | ${peak} MB / ${growth.toFixed(1)} MB | ${outcomeText} |\n`,
);
process.exit(failures.length > 0 ? 1 : 0);
