/**
 * Opening the 300 KB plan (as bench/typingCompare.ts makes it) in a fresh context, Plenary and
 * the reference page, with what the opening page's main thread did (CDP Performance metrics:
 * task, script, layout and style time) and the requests and socket frames as Playwright saw
 * them. Unless NOTRACE=1, each opening is also traced with a CPU profile into TRACE_DIR
 * (default /tmp/open300prof; open the .json in DevTools' Performance panel).
 *
 *   DIST=<a web build> RUNS=3 ONLY=plenary NOTRACE=1 node --import tsx bench/openProfile.ts
 *
 * DIST serves another build of the web app (e.g. main's, or an unminified one for readable
 * profiles); EXTRA_CATS adds trace categories (e.g.
 * disabled-by-default-devtools.timeline.invalidationTracking, to see why layouts happen).
 * Prints only; run the two builds alternately for an A/B. Each opening also prints the CPU time
 * this run's processes used during it (the server, the reference's relay, Chromium's renderer,
 * GPU and browser processes), since on 2 cores they all compete with the opening page, and
 * each of their threads' (THREAD lines, from /proc) and, traced, each traced thread's
 * outermost events (TRACED lines).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/browser.ts';
import { startPlenaryServer } from '../e2e/support/server.ts';
import {
  BENCH_NODE_ENTRIES,
  cpuMsBetween,
  descendantsCpu,
  formatCpuMs,
} from './support/processCpu.ts';
import { TRACE_CATEGORIES, threadTimeLines, threadTimes } from './support/traceSummary.ts';
import { END_MARKER, plenaryVariant, referenceVariant } from './support/typingVariants.ts';

const out = process.env.TRACE_DIR ?? '/tmp/open300prof';
if (process.env.NOTRACE !== '1') mkdirSync(out, { recursive: true });
const plenary = await startPlenaryServer({
  env: { LOG_LEVEL: 'warn', ...(process.env.DIST ? { WEB_DIST_DIR: process.env.DIST } : {}) },
});
const reference = await referenceVariant();
const browser = await chromium.launch(chromiumLaunchOptions());
const shape = { name: 'one 300 KB section', sections: { count: 1, bytes: 300_000 }, typeIn: 0 };
try {
  const plan = await plenaryVariant('Plenary', plenary).prepare(shape, null);
  const refPlan = await reference.variant.prepare(shape, plan.doc);
  const runs = Number(process.env.RUNS ?? 1);
  for (const [label, p] of (
    [
      ['reference', refPlan],
      ['plenary', plan],
    ] as const
  ).filter(([l]) => !process.env.ONLY || l === process.env.ONLY)) {
    const first = await browser.newContext();
    const joined = await p.open(first, 'Typist');
    await p.editor(joined, 0).getByText(END_MARKER).waitFor({ timeout: 60_000 });
    // Plenary's service worker installs a few seconds after this first page's load: let it
    // finish, or its install lands in the measured openings (the reference has none).
    if (label === 'plenary')
      await joined.waitForFunction(
        async () =>
          (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
        undefined,
        { timeout: 60_000 },
      );
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ storageState: await first.storageState() });
      const page = await context.newPage();
      const events: [number, string][] = [];
      const t0 = Date.now();
      const note = (what: string) => events.push([Date.now() - t0, what]);
      page.on('request', (r) =>
        note(`req  ${r.method()} ${r.url().replace(/^https?:\/\/[^/]+/, '')}`),
      );
      page.on('requestfinished', (r) => note(`done ${r.url().replace(/^https?:\/\/[^/]+/, '')}`));
      page.on('websocket', (ws) => {
        note(`ws open ${ws.url().slice(0, 60)}`);
        ws.on('framesent', (f) =>
          note(
            `ws sent ${typeof f.payload === 'string' ? f.payload.length : f.payload.byteLength} B`,
          ),
        );
        ws.on('framereceived', (f) =>
          note(
            `ws recv ${typeof f.payload === 'string' ? f.payload.length : f.payload.byteLength} B`,
          ),
        );
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const trace = process.env.NOTRACE !== '1';
      if (trace) {
        await browser.startTracing(page, {
          categories: [
            ...(process.env.EXTRA_CATS ? process.env.EXTRA_CATS.split(',') : []),
            ...TRACE_CATEGORIES,
            'loading',
            'blink.user_timing',
          ],
        });
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const cpuBefore = descendantsCpu(BENCH_NODE_ENTRIES);
      const started = Date.now();
      const url = label === 'reference' ? joined.url() : joined.url().replace(/#.*/, '');
      void page.goto(url);
      await p
        .editor(page, 0)
        .and(page.locator('[contenteditable="true"]'))
        .getByText(END_MARKER)
        .waitFor({ timeout: 60_000 });
      const ms = Date.now() - started;
      const cpuAfter = descendantsCpu(BENCH_NODE_ENTRIES);
      const cpu = cpuMsBetween(cpuBefore.processes, cpuAfter.processes);
      const threads = cpuMsBetween(cpuBefore.threads, cpuAfter.threads);
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      const msOf = (name: string) => ((m[name] ?? 0) * 1000).toFixed(0);
      console.log(
        `METRICS ${label} task ${msOf('TaskDuration')} script ${msOf('ScriptDuration')} layout ${msOf('LayoutDuration')} style ${msOf('RecalcStyleDuration')} wall ${ms}`,
      );
      events.sort((a, b) => a[0] - b[0]);
      console.log(`CPU ${label} ${formatCpuMs(cpu)} (ms, this run's processes during the opening)`);
      // Threads that ended during the opening (a worker's) count in their process, not here.
      for (const [thread, ms] of Object.entries(threads).sort((a, b) => b[1] - a[1]))
        console.log(`THREAD ${label} ${thread} ${ms}`);
      console.log(`\n== ${label} run ${run}: ${ms} ms`);
      for (const [t, what] of events) console.log(`${String(t).padStart(6)} ${what}`);
      if (trace) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(path.join(out, `${label}-${run}.cpuprofile`), JSON.stringify(profile));
        const traceJson = (await browser.stopTracing()).toString('utf8');
        writeFileSync(path.join(out, `${label}-${run}.json`), traceJson);
        // What each thread's traced work was (the THREAD lines above say its whole CPU time).
        const busy = threadTimes(traceJson).filter((t) => Math.max(t.cpu, t.wall) >= 10);
        for (const line of threadTimeLines(busy)) console.log(`TRACED ${label} ${line}`);
      }
      await context.close();
    }
    await first.close();
  }
} finally {
  await browser.close();
  await reference.close();
  await plenary.stop();
}
process.exit();
