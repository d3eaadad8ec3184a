/**
 * Typing in Plenary's plan page against a bare reference page, side by side in one run:
 * the reference is TipTap 3.31.3 (StarterKit, tables, Collaboration) on the stock
 * y-websocket provider and the stock relay (@y/websocket-server 0.1.1, in this process),
 * holding the same content as the Plenary plan. Both are driven in Chromium, rounds
 * alternating reference and Plenary (A B A B), and measured for:
 *
 * - main-thread time per key (CDP Performance metrics TaskDuration, ScriptDuration, and
 *   LayoutDuration + RecalcStyleDuration, over every key of a round and the second after it), on the demo plan, a plan with one
 *   300 KB section and one with 20 sections of 15 KB, and on the demo plan with the CPU
 *   throttled 4x (a phone);
 * - keystroke to the other person's screen (the watcher's next frame after the text shows);
 * - opening the 300 KB plan in a fresh browser context until its last paragraph shows in
 *   the editor (the plan page shows its text before the editor has loaded), and the
 *   opening page's main-thread time meanwhile (steadier than the clock on a shared machine)
 *   and that thread's CPU time (steadier still: it leaves out waiting for a core).
 *
 *   node --import tsx bench/typingCompare.ts
 *
 * Needs the built web app and server (`npm run build`). With
 * PLENARY_BASELINE_DIST=<dir> (another build of the web app, e.g. before a change), that
 * build runs as a third page in the same rounds (named by PLENARY_BASELINE_LABEL, default
 * "Plenary before"), served by this checkout's server unless PLENARY_BASELINE_SERVER names
 * another build of it (`apps/server/dist/server.js` of the other checkout). Results are appended to
 * bench/results/typing-compare.md.
 *
 * SPLIT=1 also splits keystroke to remote paint into legs (support/remoteLegs.ts). CPU=1 also
 * traces every round lightly for the typist's main-thread CPU time per key, which leaves out
 * waiting for a core (the machine is shared) and for the compositor.
 *
 * TRACE=1 also traces each page's first round of each case (TRACE_ROUND=n another) and
 * appends the typist's and the watcher's main threads broken down by event (self time per
 * key, frames per key, and the thread's CPU time per key, which leaves out waiting for a core
 * or for the compositor); TRACE_DIR keeps the traces (named by page, case and throttle),
 * PROFILE=1 adds a CPU profile of the typist and one of the watcher (`-watcher`) to them (it
 * inflates the traced round). CASES=demo,demo4x,one300,twenty15,open picks cases (default
 * all).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type CDPSession, chromium, type Locator, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/browser.ts';
import { repoRoot, startPlenaryServer } from '../e2e/support/server.ts';
import {
  BENCH_NODE_ENTRIES,
  cpuMsBetween,
  type DescendantsCpu,
  descendantsCpu,
  formatCpuMs,
  threadsByKind,
} from './support/processCpu.ts';
import { type Legs, legsOf, type SocketTimes, timeSockets } from './support/remoteLegs.ts';
import { median } from './support/stats.ts';
import {
  breakdownRows,
  busiestMainThreadCpu,
  keyThreadCpu,
  summarizeTrace,
  type ThreadBreakdown,
  TRACE_CATEGORIES,
} from './support/traceSummary.ts';
import {
  caretAtEnd,
  END_MARKER,
  type PlanShape,
  type PreparedPlan,
  plenaryVariant,
  referenceVariant,
  type Variant,
} from './support/typingVariants.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 4);
/** Markers typed per round; each is MARKER_KEYS keys, typed at TYPING_DELAY_MS apart. */
const MARKERS_PER_ROUND = 4;
const TYPING_DELAY_MS = 60;
/** After the last key of a round: debounced work (counts, saves) lands in the window. */
const SETTLE_MS = 1200;
const OPEN_RUNS = Number(process.env.OPEN_RUNS ?? 4);
const THROTTLE = 4;
/** TRACE=1: also trace the typist's first round of each case and break its main thread down. */
const TRACE = process.env.TRACE === '1';
/**
 * TRACE_ROUND=n: trace round n (from 0) instead of the first, whose code has not warmed up
 * yet: the reference's first round runs its update handlers about twice as long as later ones.
 */
const TRACE_ROUND = Number(process.env.TRACE_ROUND ?? 0);
/** CASES=demo,one300: only these cases (default all). */
const ONLY_CASES = process.env.CASES?.split(',');
/**
 * CPU=1: every round also traces the typist's tasks (lightly: top-level tasks and events) for
 * the thread's CPU time per key, which leaves out waiting for a core or for the compositor.
 */
const CPU = process.env.CPU === '1';
/** The categories CPU=1 traces: the tasks' thread time, and the keydown that names the typist. */
const CPU_CATEGORIES = ['toplevel', 'devtools.timeline'];
/** SPLIT=1: also split keystroke to remote paint into legs (see support/remoteLegs.ts). */
const SPLIT = process.env.SPLIT === '1';

const SHAPES: Record<'demo' | 'one300' | 'twenty15', PlanShape> = {
  demo: { name: 'demo plan', typeIn: 1 },
  one300: { name: 'one 300 KB section', sections: { count: 1, bytes: 300_000 }, typeIn: 0 },
  twenty15: { name: '20 sections of 15 KB', sections: { count: 20, bytes: 15_000 }, typeIn: 10 },
};

declare global {
  interface Window {
    /** The watcher's note of when the marker it waits for was painted. */
    benchPaintedAt?: number | null;
    /** The watcher's note of when the marker it waits for showed in its editor. */
    benchMutatedAt?: number;
    /** The typist's note of when the last key went down. */
    benchKeyAt?: number;
  }
}

/** A typist and a watcher with the same plan open. */
interface Pair {
  variant: Variant;
  plan: PreparedPlan;
  typist: Page;
  watcher: Page;
  typed: Locator;
  watched: Locator;
  metrics(): Promise<Record<string, number>>;
}

/** How long a page that keeps the app on the device may take to have done so. */
const APP_KEPT_WITHIN_MS = 30_000;

/**
 * Waits until a page that keeps the app on the device (Plenary's, with its web manifest)
 * has its service worker active. Its first install runs seconds after the opening, once
 * per device, in processes of its own on the same cores; typing is measured as a person
 * types all day, after it, not at the whim of where it falls among the rounds.
 */
async function appKept(page: Page): Promise<void> {
  const kept = await page.evaluate(async (withinMs) => {
    if (!document.querySelector('link[rel="manifest"]') || !('serviceWorker' in navigator))
      return 'no worker';
    const timeout = new Promise<string>((resolve) =>
      setTimeout(() => resolve('not within the time'), withinMs),
    );
    return Promise.race([navigator.serviceWorker.ready.then(() => 'kept'), timeout]);
  }, APP_KEPT_WITHIN_MS);
  if (kept === 'not within the time')
    throw new Error(`the page's service worker was not active within ${APP_KEPT_WITHIN_MS} ms`);
}

async function openPair(
  browser: Browser,
  variant: Variant,
  plan: PreparedPlan,
  shape: PlanShape,
): Promise<Pair> {
  const contexts = [await browser.newContext(), await browser.newContext()] as const;
  if (SPLIT) for (const context of contexts) await timeSockets(context);
  const typist = await plan.open(contexts[0], 'Typist');
  const watcher = await plan.open(contexts[1], 'Watcher');
  const typed = plan.editor(typist, shape.typeIn);
  const watched = plan.editor(watcher, shape.typeIn);
  for (const editor of [typed, watched]) await editor.getByText(END_MARKER).waitFor();
  for (const page of [typist, watcher]) await appKept(page);
  // Both watchers rest the pointer on the text being typed, as a reader would: Plenary's
  // joining clicked in its watcher and the reference's never had the pointer, so only
  // Plenary paid Chromium's hover update (a layout and hit test before the frame's
  // callbacks) on every remote key.
  await watched.getByText(END_MARKER).hover();
  await caretAtEnd(typed);
  // The typist notes when each key went down, before the editor sees it.
  await typist.evaluate(() => {
    window.addEventListener(
      'keydown',
      () => {
        window.benchKeyAt = performance.timeOrigin + performance.now();
      },
      { capture: true },
    );
  });
  const cdp = await typist.context().newCDPSession(typist);
  await cdp.send('Performance.enable');
  return {
    variant,
    plan,
    typist,
    watcher,
    typed,
    watched,
    async metrics() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
    },
  };
}

/** One round: types the markers, each timed to the watcher's screen; returns the figures. */
async function typeRound(
  pair: Pair,
  round: number,
  throttle = 1,
  browser?: Browser,
  caseKey = 'case',
) {
  const cdp = await pair.typist.context().newCDPSession(pair.typist);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  if (browser) await browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
  else if (CPU)
    await pair.typist.context().browser()?.startTracing(undefined, {
      categories: CPU_CATEGORIES,
    });
  const profiling = browser !== undefined && process.env.PROFILE === '1';
  // The watcher is profiled too: its work between a socket message and the next frame is
  // half of keystroke to remote paint.
  const watcherCdp = profiling ? await pair.watcher.context().newCDPSession(pair.watcher) : null;
  for (const session of profiling ? [cdp, watcherCdp] : []) {
    await session?.send('Profiler.enable');
    await session?.send('Profiler.setSamplingInterval', { interval: 200 });
    await session?.send('Profiler.start');
  }
  const before = await pair.metrics();
  let keys = 0;
  const remote: number[] = [];
  const legs: Legs[] = [];
  for (let m = 0; m < MARKERS_PER_ROUND; m++) {
    const marker = ` r${round}m${m}q`;
    await pair.watched.evaluate((editor, wanted) => {
      window.benchPaintedAt = null;
      const observer = new MutationObserver(() => {
        // The paragraph typed into is the last one: read only it, not 300 KB of text.
        if (!editor.lastElementChild?.textContent?.includes(wanted)) return;
        observer.disconnect();
        window.benchMutatedAt = performance.timeOrigin + performance.now();
        requestAnimationFrame(() => {
          window.benchPaintedAt = performance.timeOrigin + performance.now();
        });
      });
      observer.observe(editor, { subtree: true, childList: true, characterData: true });
    }, marker);
    const lastKeyAt = await typeKeys(pair.typist, marker);
    keys += marker.length;
    await pair.watcher.waitForFunction(() => window.benchPaintedAt != null, null, {
      timeout: 60_000,
    });
    const paintedAt = await pair.watcher.evaluate(() => window.benchPaintedAt ?? 0);
    remote.push(paintedAt - lastKeyAt);
    if (SPLIT) {
      const take = () => {
        // Emptied in place: the page's sockets hold this object.
        const socket = window.benchSocket;
        const times = {
          sent: socket?.sent.splice(0) ?? [],
          received: socket?.received.splice(0) ?? [],
        };
        return { times, mutatedAt: window.benchMutatedAt ?? 0 };
      };
      const typist: { times: SocketTimes } = await pair.typist.evaluate(take);
      const watcher = await pair.watcher.evaluate(take);
      const trip = { keyAt: lastKeyAt, mutatedAt: watcher.mutatedAt, paintedAt };
      const split = legsOf(trip, typist.times, watcher.times);
      if (split) legs.push(split);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS * throttle));
  const after = await pair.metrics();
  const trace = browser ? (await browser.stopTracing()).toString('utf8') : null;
  const cpuTrace =
    !browser && CPU
      ? ((await pair.typist.context().browser()?.stopTracing())?.toString('utf8') ?? null)
      : trace;
  const cpu = cpuTrace === null ? null : keyThreadCpu(cpuTrace);
  if (trace && process.env.TRACE_DIR)
    writeFileSync(
      path.join(process.env.TRACE_DIR, `${pair.variant.label}-${caseKey}-${throttle}x.json`),
      trace,
    );
  if (profiling && process.env.TRACE_DIR) {
    for (const [session, suffix] of [
      [cdp, ''],
      [watcherCdp, '-watcher'],
    ] as const) {
      if (!session) continue;
      const { profile } = await session.send('Profiler.stop');
      writeFileSync(
        path.join(
          process.env.TRACE_DIR,
          `${pair.variant.label}-${caseKey}-${throttle}x${suffix}.cpuprofile`,
        ),
        JSON.stringify(profile),
      );
    }
  }
  await watcherCdp?.detach();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();
  const per = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / keys;
  return {
    task: per('TaskDuration'),
    script: per('ScriptDuration'),
    layout: per('LayoutDuration') + per('RecalcStyleDuration'),
    remote,
    legs,
    trace: trace === null ? null : { json: trace, keys },
    cpu: cpu === null ? null : cpu / keys,
  };
}

/**
 * The typist's main thread (the one that handled the keys) of a traced round, and the
 * watcher's (the busiest other one: the other pages are idle while this pair types), as rows.
 */
function traceTable(title: string, trace: { json: string; keys: number }): string {
  const threads = summarizeTrace(trace.json);
  const typist = threads.find((thread) => thread.selfByName.has('EventDispatch(keydown)'));
  if (!typist) return `\n${title}: no renderer handled the keys in the trace\n`;
  const watcher = threads.find((thread) => thread !== typist);
  const table = (who: string, thread: ThreadBreakdown) => [
    '',
    `${title}, ${who}: main thread ${(thread.total / trace.keys).toFixed(1)} ms per key (its CPU time ${(thread.cpu / trace.keys).toFixed(1)} ms), ${((thread.countByName.get('ProxyMain::BeginMainFrame') ?? 0) / trace.keys).toFixed(1)} frames per key; self time by event`,
    '',
    '| event | ms per key |',
    '| --- | --- |',
    ...breakdownRows(thread, trace.keys),
  ];
  return [...table('typist', typist), ...(watcher ? table('watcher', watcher) : []), ''].join('\n');
}

/** Types `text` key by key; returns the wall-clock time of the last keydown in the page. */
async function typeKeys(page: Page, text: string): Promise<number> {
  await page.keyboard.type(text, { delay: TYPING_DELAY_MS });
  return page.evaluate(() => window.benchKeyAt ?? 0);
}

/**
 * Opens a plan in a fresh context and times it until the typed section's last words show;
 * also says how long the opening page's main thread worked meanwhile (CDP TaskDuration),
 * steadier than the wall clock when the machine is shared, and how much CPU time that took
 * (from a trace of the top-level tasks): TaskDuration also counts the time the thread waited
 * for a core, which on a loaded machine is most of it. It also reads the CPU time each kind of
 * this run's processes used meanwhile (the server, Chromium's renderers, GPU and browser
 * processes): on 2 cores they compete with the opening page for the same cores.
 */
async function timeOpen(
  browser: Browser,
  pair: Pair,
  shape: PlanShape,
): Promise<{
  ms: number;
  task: number;
  cpu: number;
  processes: Record<string, number>;
  threads: Record<string, number>;
}> {
  let started = Date.now();
  let cpuBefore: DescendantsCpu = { processes: {}, threads: {} };
  let cdp: CDPSession | null = null;
  const { page, context } = await pair.plan.reopen(
    browser,
    pair.typist.context(),
    async (opening) => {
      cdp = await opening.context().newCDPSession(opening);
      await cdp.send('Performance.enable');
      await browser.startTracing(opening, { categories: ['toplevel'] });
      cpuBefore = descendantsCpu(BENCH_NODE_ENTRIES);
      started = Date.now();
    },
  );
  // In the editor, not in the text the plan page draws while its editor's code loads.
  await pair.plan
    .editor(page, shape.typeIn)
    .and(page.locator('[contenteditable="true"]'))
    .getByText(END_MARKER)
    .waitFor({ timeout: 60_000 });
  const elapsed = Date.now() - started;
  const cpuAfter = descendantsCpu(BENCH_NODE_ENTRIES);
  const processes = cpuMsBetween(cpuBefore.processes, cpuAfter.processes);
  const threads = cpuMsBetween(threadsByKind(cpuBefore.threads), threadsByKind(cpuAfter.threads));
  const { metrics } = (await (cdp as CDPSession | null)?.send('Performance.getMetrics')) ?? {
    metrics: [],
  };
  const task = (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
  // The opening page's main thread is the busiest: the other pages only hear of a new caret.
  const cpu = busiestMainThreadCpu((await browser.stopTracing()).toString('utf8'));
  await context.close();
  return { ms: elapsed, task: Math.round(task), cpu: Math.round(cpu), processes, threads };
}

const fmt = (value: number) => value.toFixed(1);

/** Each key's median over the runs' readings (a key a run lacks counts as 0 there). */
function mediansByKey(runs: readonly Record<string, number>[]): Record<string, number> {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run)))].sort();
  return Object.fromEntries(keys.map((key) => [key, median(runs.map((run) => run[key] ?? 0))]));
}
const ratio = (value: number, reference: number) =>
  reference > 0 ? `${(value / reference).toFixed(2)}x` : '-';

const loadBefore = os.loadavg().map((load) => load.toFixed(2));
const plenary = await startPlenaryServer({ env: { LOG_LEVEL: 'warn' } });
const baselineDist = process.env.PLENARY_BASELINE_DIST;
// PLENARY_BASELINE_SERVER=<another checkout's apps/server/dist/server.js>: that server
// serves the baseline build, so that a change to the server is compared too.
const baselineServer = process.env.PLENARY_BASELINE_SERVER;
const baseline = baselineDist
  ? await startPlenaryServer({
      env: { LOG_LEVEL: 'warn', WEB_DIST_DIR: path.resolve(baselineDist) },
      ...(baselineServer ? { entry: path.relative(repoRoot, path.resolve(baselineServer)) } : {}),
    })
  : null;
const reference = await referenceVariant();
const browser = await chromium.launch(chromiumLaunchOptions());
const rows: string[] = [];
/** SPLIT=1: the legs of keystroke to remote paint, medians per page and plan. */
const legRows: string[] = [];
/** CPU=1: the typist's main-thread CPU time per key, per page and plan. */
const cpuRows: string[] = [];
try {
  const variants = [
    reference.variant,
    plenaryVariant('Plenary', plenary),
    ...(baseline
      ? [plenaryVariant(process.env.PLENARY_BASELINE_LABEL ?? 'Plenary before', baseline)]
      : []),
  ];
  const allCases: { key: string; shape: PlanShape; throttle: number }[] = [
    { key: 'demo', shape: SHAPES.demo, throttle: 1 },
    { key: 'demo4x', shape: SHAPES.demo, throttle: THROTTLE },
    { key: 'one300', shape: SHAPES.one300, throttle: 1 },
    { key: 'twenty15', shape: SHAPES.twenty15, throttle: 1 },
  ];
  const cases = allCases.filter(({ key }) => !ONLY_CASES || ONLY_CASES.includes(key));
  const traces: string[] = [];
  const prepared = new Map<PlanShape, Pair[]>();
  const openRuns = ONLY_CASES && !ONLY_CASES.includes('open') ? 0 : OPEN_RUNS;
  // CASES=open alone still needs the 300 KB plan it opens.
  const shapes = [...cases.map(({ shape }) => shape), ...(openRuns > 0 ? [SHAPES.one300] : [])];
  for (const shape of shapes) {
    if (prepared.has(shape)) continue;
    // Plenary makes the plan; the reference is given the same content.
    const plenaryPlans = await Promise.all(
      variants.slice(1).map((variant) => variant.prepare(shape, null)),
    );
    const content = plenaryPlans[0]?.doc ?? null;
    const referencePlan = await reference.variant.prepare(shape, content);
    const plans = [referencePlan, ...plenaryPlans];
    const pairs: Pair[] = [];
    for (const [i, variant] of variants.entries())
      pairs.push(await openPair(browser, variant, plans[i] as PreparedPlan, shape));
    prepared.set(shape, pairs);
  }

  for (const { key, shape, throttle } of cases) {
    const pairs = prepared.get(shape) ?? [];
    const results = pairs.map(() => ({
      task: [] as number[],
      script: [] as number[],
      layout: [] as number[],
      cpu: [] as number[],
      remote: [] as number[],
      legs: [] as Legs[],
    }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, pair] of pairs.entries()) {
        const figures = await typeRound(
          pair,
          round,
          throttle,
          TRACE && round === TRACE_ROUND ? browser : undefined,
          key,
        );
        if (figures.trace)
          traces.push(
            traceTable(
              `${shape.name}${throttle > 1 ? `, CPU ${throttle}x` : ''}, ${pair.variant.label}`,
              figures.trace,
            ),
          );
        results[i]?.task.push(figures.task);
        results[i]?.script.push(figures.script);
        results[i]?.layout.push(figures.layout);
        if (figures.cpu !== null) results[i]?.cpu.push(figures.cpu);
        results[i]?.remote.push(...figures.remote);
        results[i]?.legs.push(...figures.legs);
        process.stdout.write(
          `${shape.name}${throttle > 1 ? ` (CPU ${throttle}x)` : ''}, round ${round + 1}, ${pair.variant.label}: ${fmt(figures.task)} ms task/key, ${fmt(figures.script)} ms script/key, ${fmt(figures.layout)} ms style+layout/key,${figures.cpu === null ? '' : ` CPU ${fmt(figures.cpu)} ms/key,`} remote ${figures.remote.map(fmt).join(', ')} ms\n`,
        );
      }
    }
    const ref = results[0];
    for (const [i, pair] of pairs.entries()) {
      const result = results[i];
      if (!result || !ref) continue;
      const what = `${shape.name}${throttle > 1 ? `, CPU ${throttle}x` : ''}`;
      rows.push(
        `| ${what} | ${pair.variant.label} | ${fmt(median(result.task))} ms (${ratio(median(result.task), median(ref.task))}) | ${fmt(median(result.script))} ms (${ratio(median(result.script), median(ref.script))}) | ${fmt(median(result.layout))} ms (${ratio(median(result.layout), median(ref.layout))}) | ${throttle > 1 ? '-' : `${fmt(median(result.remote))} ms (${ratio(median(result.remote), median(ref.remote))})`} |`,
      );
      if (result.cpu.length > 0)
        cpuRows.push(
          `| ${what} | ${pair.variant.label} | ${fmt(median(result.cpu))} ms (${ratio(median(result.cpu), median(ref.cpu))}) | ${result.cpu.map(fmt).join(', ')} |`,
        );
      if (result.legs.length > 0) {
        const leg = (name: keyof Legs) => fmt(median(result.legs.map((legs) => legs[name])));
        // The watcher's whole share, per trip: where the page lays the new text out (inside
        // its message handler, or in the frame) moves time between the two legs before it.
        const watcherShare = fmt(
          median(result.legs.map((legs) => legs.receiveToMutation + legs.mutationToPaint)),
        );
        legRows.push(
          `| ${what} | ${pair.variant.label} | ${leg('keyToSend')} | ${leg('sendToReceive')} | ${leg('receiveToMutation')} | ${leg('mutationToPaint')} | ${watcherShare} | ${result.legs.length} |`,
        );
      }
    }
  }

  const openShape = SHAPES.one300;
  const openPairs = prepared.get(openShape) ?? [];
  const opens = openPairs.map(() => [] as number[]);
  const openTasks = openPairs.map(() => [] as number[]);
  const openCpus = openPairs.map(() => [] as number[]);
  const openProcesses = openPairs.map(() => [] as Record<string, number>[]);
  const openThreads = openPairs.map(() => [] as Record<string, number>[]);
  for (let run = 0; run < openRuns; run++) {
    for (const [i, pair] of openPairs.entries()) {
      const { ms, task, cpu, processes, threads } = await timeOpen(browser, pair, openShape);
      opens[i]?.push(ms);
      openTasks[i]?.push(task);
      openCpus[i]?.push(cpu);
      openProcesses[i]?.push(processes);
      openThreads[i]?.push(threads);
      process.stdout.write(
        `open ${openShape.name}, run ${run + 1}, ${pair.variant.label}: ${ms} ms, main thread ${task} ms, its CPU ${cpu} ms; all processes' CPU meanwhile (ms): ${formatCpuMs(processes)}\n`,
      );
    }
  }
  const openRef = median(opens[0] ?? []);
  const openTaskRef = median(openTasks[0] ?? []);
  const openCpuRef = median(openCpus[0] ?? []);
  for (const [i, pair] of openPairs.entries()) {
    const times = opens[i] ?? [];
    const tasks = openTasks[i] ?? [];
    const cpus = openCpus[i] ?? [];
    if (times.length === 0) continue;
    const processesCpu = formatCpuMs(mediansByKey(openProcesses[i] ?? []));
    // The busier threads only: Chromium's processes run dozens that each use a tick or two.
    const threadsCpu = formatCpuMs(
      Object.fromEntries(
        Object.entries(mediansByKey(openThreads[i] ?? []))
          .filter(([, ms]) => ms >= 20)
          .sort((a, b) => b[1] - a[1]),
      ),
    );
    rows.push(
      `| open ${openShape.name} | ${pair.variant.label} | ${fmt(median(times))} ms (${ratio(median(times), openRef)}), runs ${times.join(', ')} ms | opening page's main thread ${fmt(median(tasks))} ms (${ratio(median(tasks), openTaskRef)}), runs ${tasks.join(', ')} ms | its CPU time ${fmt(median(cpus))} ms (${ratio(median(cpus), openCpuRef)}), runs ${cpus.join(', ')} ms | CPU of the run's processes meanwhile (medians, ms): ${processesCpu}; by thread: ${threadsCpu} |`,
    );
  }

  const loadAfter = os.loadavg().map((load) => load.toFixed(2));
  const heading = `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after; Node ${process.version}, Chromium ${browser.version()}; ${ROUNDS} rounds A B A B of ${MARKERS_PER_ROUND} markers (${TYPING_DELAY_MS} ms between keys), medians, ratio to the reference`;
  const table = [
    '',
    heading,
    '',
    '| plan | page | main thread per key (TaskDuration) | script per key | style + layout per key | keystroke to remote paint |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(cpuRows.length > 0
      ? [
          "The typist's main thread, its CPU time per key (CPU=1: the thread time of its tasks, every round traced lightly; it leaves out waiting for a core or for the compositor).",
          '',
          '| plan | page | CPU per key (median) | rounds |',
          '| --- | --- | --- | --- |',
          ...cpuRows,
          '',
        ]
      : []),
    ...(legRows.length > 0
      ? [
          'Keystroke to remote paint by leg (ms, medians): the typist sends the update, the watcher receives it, shows it, paints.',
          '',
          '| plan | page | key to send | send to receipt (network and server) | receipt to text shown | shown to paint | receipt to paint | trips |',
          '| --- | --- | --- | --- | --- | --- | --- | --- |',
          ...legRows,
          '',
        ]
      : []),
    ...traces,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  appendFileSync(path.resolve(import.meta.dirname, 'results/typing-compare.md'), table);
} finally {
  await browser.close();
  await reference.close();
  await plenary.stop();
  await baseline?.stop();
}
// Vite's build and the stock relay's rooms keep handles open that nothing here can close.
process.exit();
