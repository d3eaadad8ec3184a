/**
 * How long one person's keystroke takes to show on another person's screen: two Chromium
 * pages (two browser contexts, as two people) joined to the same section of a plan on a
 * real Plenary server, the browser's own keyboard in one, the DOM of the other.
 *
 *   node --import tsx bench/keystrokeLatency.ts
 *
 * Needs the built web app and server (`npm run build`). Results are appended to
 * bench/results/keystroke-latency.md.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { PlanPage } from '../e2e/pages/PlanPage.ts';
import type { SectionEditor } from '../e2e/pages/SectionEditor.ts';
import { chromiumLaunchOptions } from '../e2e/support/browser.ts';
import { createInvite, createPlan, R2P_SECTIONS } from '../e2e/support/planApi.ts';
import { startPlenaryServer } from '../e2e/support/server.ts';
import { median, percentile } from './support/stats.ts';

const SAMPLES = 20;
const WARM_UP = 3;
const SECTION = R2P_SECTIONS.publicAwareness;

/** One keystroke's journey, in wall-clock milliseconds shared by both pages. */
interface Sample {
  marker: string;
  /** Page A: the keydown of the marker's last character. */
  keydownAt: number;
  /** Page B: the mutation that made the marker appear in the section. */
  shownAt: number;
  /** Page B: the next animation frame after that mutation, when it is painted. */
  paintedAt: number;
}

declare global {
  interface Window {
    /** Page A: every keydown since the last sample, with its wall-clock time. */
    benchKeydowns?: { key: string; at: number }[];
    /** Page B: when the marker being waited for appeared, and the frame after. */
    benchSeen?: { marker: string; shownAt: number; paintedAt: number | null };
  }
}

/** Page A keeps the wall-clock time of every keydown (capture phase, before the editor). */
async function recordKeydowns(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.benchKeydowns = [];
    window.addEventListener(
      'keydown',
      (event) => {
        window.benchKeydowns?.push({
          key: event.key,
          at: performance.timeOrigin + performance.now(),
        });
      },
      { capture: true },
    );
  });
}

/** Page B starts watching its section for `marker`, and notes when it shows. */
async function watchFor(section: SectionEditor, marker: string): Promise<void> {
  await section.textbox.evaluate((editor, wanted) => {
    const seen = { marker: wanted, shownAt: 0, paintedAt: null as number | null };
    window.benchSeen = seen;
    const observer = new MutationObserver(() => {
      if (!editor.textContent?.includes(wanted)) return;
      seen.shownAt = performance.timeOrigin + performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        seen.paintedAt = performance.timeOrigin + performance.now();
      });
    });
    observer.observe(editor, { subtree: true, childList: true, characterData: true });
  }, marker);
}

/** Types `marker` in page A and times its last key until page B shows it. */
async function measure(
  typist: PlanPage,
  watcher: Page,
  watched: SectionEditor,
  marker: string,
): Promise<Sample> {
  // Each sample starts from a quiet plan: everything typed before is stored.
  await typist.expectSaveState('saved');
  await watchFor(watched, marker);
  await typist.page.evaluate(() => {
    window.benchKeydowns = [];
  });
  await typist.page.keyboard.type(marker);
  await watcher.waitForFunction(() => window.benchSeen?.paintedAt != null);
  const seen = await watcher.evaluate(() => window.benchSeen);
  const keydowns = await typist.page.evaluate(() => window.benchKeydowns ?? []);
  const last = keydowns.filter((keydown) => keydown.key === marker.at(-1)).at(-1);
  if (!seen?.paintedAt || !last) throw new Error(`sample ${marker} was not recorded`);
  return { marker, keydownAt: last.at, shownAt: seen.shownAt, paintedAt: seen.paintedAt };
}

const server = await startPlenaryServer({ env: { LOG_LEVEL: 'warn' } });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const plan = await createPlan(server);
  const member = await createInvite(plan, { role: 'member', group: 'Group 1' });
  const pageA = await (await browser.newContext()).newPage();
  const pageB = await (await browser.newContext()).newPage();
  const alice = await PlanPage.join(pageA, plan.url, 'alice');
  const bora = await PlanPage.join(pageB, member.url, 'bora');
  await alice.expectSaveState('saved');
  await bora.expectSaveState('saved');
  const watched = bora.section(SECTION);
  await alice.section(SECTION).moveToEnd();
  await recordKeydowns(pageA);

  const samples: Sample[] = [];
  for (let index = -WARM_UP; index < SAMPLES; index += 1) {
    // ASCII only: Playwright types other characters without key events.
    const marker = ` k${(index + WARM_UP).toString().padStart(2, '0')}q`;
    const sample = await measure(alice, pageB, watched, marker);
    if (index < 0) continue;
    samples.push(sample);
    process.stdout.write(
      `sample ${String(samples.length).padStart(2)}: ${(sample.shownAt - sample.keydownAt).toFixed(1)} ms to the DOM, ${(sample.paintedAt - sample.keydownAt).toFixed(1)} ms to the next frame\n`,
    );
  }
  await alice.expectSaveState('saved');

  const toDom = samples.map((sample) => sample.shownAt - sample.keydownAt);
  const toFrame = samples.map((sample) => sample.paintedAt - sample.keydownAt);
  const summary = `median ${median(toDom).toFixed(1)} ms, p90 ${percentile(toDom, 90).toFixed(1)} ms (next frame: median ${median(toFrame).toFixed(1)} ms, p90 ${percentile(toFrame, 90).toFixed(1)} ms)`;
  process.stdout.write(`${SAMPLES} keystrokes, A's keydown to B's DOM: ${summary}\n`);

  const cores = os.cpus().length;
  // Other work on the machine shows up in the tail; the load average says how much there was.
  const load = os.loadavg()[0]?.toFixed(1);
  const row = `| ${new Date().toISOString().slice(0, 10)} | ${cores} cores (load ${load}), Node ${process.version}, Chromium ${browser.version()} | ${SAMPLES} | ${median(toDom).toFixed(1)} ms | ${percentile(toDom, 90).toFixed(1)} ms | ${Math.min(...toDom).toFixed(1)}-${Math.max(...toDom).toFixed(1)} ms | ${median(toFrame).toFixed(1)} ms | ${percentile(toFrame, 90).toFixed(1)} ms | ${toDom.map((ms) => ms.toFixed(1)).join(', ')} |`;
  appendFileSync(path.resolve(import.meta.dirname, 'results/keystroke-latency.md'), `${row}\n`);
} finally {
  await browser.close();
  await server.stop();
}
