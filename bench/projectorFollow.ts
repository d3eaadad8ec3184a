/**
 * How long the room's projector takes to show what the facilitator does: pressing
 * Present on a section (REST call, the server's transaction, the doc update, the
 * projector's re-render) and typing a key in the presented section (Yjs update through
 * the relay into the projector's read-only editor). Two Chromium pages on one machine,
 * the facilitator's and a 1920x1080 projector's, on a real Plenary server; both read the
 * same wall clock (`performance.timeOrigin + performance.now()`).
 *
 *   node --import tsx bench/projectorFollow.ts
 *
 * Needs the built web app and server (`npm run build`). Results are appended to
 * bench/results/projector-follow.md.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { PlanPage } from '../e2e/pages/PlanPage.ts';
import { ProjectorScreen } from '../e2e/pages/projectorScreen.ts';
import { chromiumLaunchOptions } from '../e2e/support/browser.ts';
import { createInvite, createPlan, R2P_SECTIONS } from '../e2e/support/planApi.ts';
import { startPlenaryServer } from '../e2e/support/server.ts';
import { median, percentile } from './support/stats.ts';

const SAMPLES = 20;
const WARM_UP = 3;
/** Present alternates between these two, so every press changes what the projector shows. */
const PRESENTED = [R2P_SECTIONS.riskFactors, R2P_SECTIONS.publicAwareness] as const;
const RESULTS = path.resolve(import.meta.dirname, 'results/projector-follow.md');
const HEADER = `# From the facilitator's action to the projector's change

\`node --import tsx bench/projectorFollow.ts\` (after \`npm run build\`): a
real Plenary server and one headless Chromium with two browser contexts on the same machine,
the facilitator's plan page and an observer's projector view at 1920x1080. Both pages stamp
events with the shared wall clock \`performance.timeOrigin + performance.now()\`.

- **present**: the facilitator's click on a section's Present button (a capture-phase click
  listener) until a MutationObserver on the projector sees the header name that section.
  The path: \`PUT /presentation\`, the server's Yjs transaction, the update over the relay,
  the projector's re-render. Presses alternate between two sections.
- **keystroke**: the facilitator's keydown (capture phase) of the last character of a
  marker typed at the end of the presented section, until a MutationObserver on the
  projector's read-only editor of that section sees the marker.

${SAMPLES} samples each after ${WARM_UP} warm-up ones; each sample starts once the previous
one has shown and everything typed is saved. p90 is the nearest-rank 90th percentile.

| date | machine | what | samples | median | p90 | range | all samples (ms) |
| --- | --- | --- | --- | --- | --- | --- | --- |
`;

declare global {
  interface Window {
    /** Facilitator: the wall-clock time of every click and keydown since the last sample. */
    benchInputs?: { type: string; key: string; at: number }[];
    /** Projector: when what is being waited for appeared. */
    benchShownAt?: number | null;
  }
}

const wallClock = () => performance.timeOrigin + performance.now();

/** The facilitator's page keeps the time of every click and key (before the app sees them). */
async function recordInputs(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.benchInputs = [];
    for (const type of ['click', 'keydown'] as const) {
      window.addEventListener(
        type,
        (event) => {
          window.benchInputs?.push({
            type,
            key: event instanceof KeyboardEvent ? event.key : '',
            at: performance.timeOrigin + performance.now(),
          });
        },
        { capture: true },
      );
    }
  });
}

/** The projector notes when `element`'s text first satisfies `wanted` (checked on every mutation). */
async function watchProjector(
  projector: Page,
  selector: string,
  wanted: { equals?: string; includes?: string },
): Promise<void> {
  await projector.evaluate(
    ({ selector, wanted }) => {
      window.benchShownAt = null;
      const root = document.querySelector('[data-testid="projector"]');
      if (!root) throw new Error('no projector on the page');
      // No named functions in here: tsx would wrap them in a helper the page lacks.
      const observer = new MutationObserver(() => {
        const text = document.querySelector(selector)?.textContent ?? '';
        const done =
          wanted.equals !== undefined
            ? text === wanted.equals
            : text.includes(wanted.includes ?? '');
        if (!done) return;
        window.benchShownAt = performance.timeOrigin + performance.now();
        observer.disconnect();
      });
      observer.observe(root, { subtree: true, childList: true, characterData: true });
    },
    { selector, wanted },
  );
}

/** Clears the facilitator's recorded inputs before a sample. */
const resetInputs = (page: Page) =>
  page.evaluate(() => {
    window.benchInputs = [];
  });

/** The projector's time for the sample, once it has one. */
async function shownAt(projector: Page): Promise<number> {
  await projector.waitForFunction(() => window.benchShownAt != null, null, { timeout: 30_000 });
  return projector.evaluate(() => window.benchShownAt ?? Number.NaN);
}

/** The time of the facilitator's last input of `type` (and `key`, for keys). */
async function inputAt(page: Page, type: 'click' | 'keydown', key = ''): Promise<number> {
  const inputs = await page.evaluate(() => window.benchInputs ?? []);
  const input = inputs.filter((entry) => entry.type === type && (!key || entry.key === key)).at(-1);
  if (!input) throw new Error(`no ${type} was recorded`);
  return input.at;
}

/** One press of Present, timed until the projector's header names the section. */
async function presentSample(
  facilitator: PlanPage,
  projector: Page,
  title: string,
): Promise<number> {
  await watchProjector(projector, '[data-testid="projector-current-section"]', { equals: title });
  await resetInputs(facilitator.page);
  const button = facilitator.page.getByRole('button', { name: `Present “${title}”` });
  await button.click();
  const shown = await shownAt(projector);
  // The next press starts from a quiet page: this one's answer has come back.
  await button.and(facilitator.page.locator('[aria-pressed="true"]')).waitFor();
  return shown - (await inputAt(facilitator.page, 'click'));
}

/** One marker typed in the presented section, timed from its last keydown until the projector shows it. */
async function keystrokeSample(
  facilitator: PlanPage,
  projector: Page,
  sectionId: string,
  marker: string,
): Promise<number> {
  await facilitator.expectSaveState('saved');
  await watchProjector(projector, `[data-testid="projector-section-${sectionId}"] .ProseMirror`, {
    includes: marker,
  });
  await resetInputs(facilitator.page);
  await facilitator.page.keyboard.type(marker);
  const shown = await shownAt(projector);
  return shown - (await inputAt(facilitator.page, 'keydown', marker.at(-1)));
}

/** Runs `sample` for the warm-up and the measured rounds, printing each measured one. */
async function collect(
  what: string,
  sample: (round: number) => Promise<number>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round < WARM_UP + SAMPLES; round += 1) {
    const ms = await sample(round);
    if (round < WARM_UP) continue;
    samples.push(ms);
    process.stdout.write(`${what} ${String(samples.length).padStart(2)}: ${ms.toFixed(1)} ms\n`);
  }
  return samples;
}

const server = await startPlenaryServer({ env: { LOG_LEVEL: 'warn' } });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const plan = await createPlan(server);
  const observer = await createInvite(plan, { role: 'observer' });
  const facilitatorPage = await (await browser.newContext()).newPage();
  const projectorPage = await (
    await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  ).newPage();
  await ProjectorScreen.open(projectorPage, observer.url, 'Ballroom projector');
  const facilitator = await PlanPage.join(facilitatorPage, plan.url, 'alice');
  await facilitator.expectSaveState('saved');
  await recordInputs(facilitatorPage);

  const started = wallClock();
  const present = await collect('present', (round) =>
    presentSample(facilitator, projectorPage, PRESENTED[round % PRESENTED.length] ?? ''),
  );
  const typed = PRESENTED[(WARM_UP + SAMPLES - 1) % PRESENTED.length] ?? '';
  const typedId = plan.sections.find((section) => section.title === typed)?.id ?? '';
  await facilitator.section(typed).moveToEnd();
  // ASCII only: Playwright types other characters without key events.
  const keystroke = await collect('keystroke', (round) =>
    keystrokeSample(facilitator, projectorPage, typedId, ` p${String(round).padStart(2, '0')}q`),
  );
  process.stdout.write(`measured in ${((wallClock() - started) / 1000).toFixed(1)} s\n`);

  if (!existsSync(RESULTS)) writeFileSync(RESULTS, HEADER);
  const machine = `${os.cpus().length} cores, Node ${process.version}, Chromium ${browser.version()}`;
  const date = new Date().toISOString().slice(0, 10);
  for (const [what, samples] of [
    ['present → projector', present],
    ['keystroke → projector', keystroke],
  ] as const) {
    const summary = `median ${median(samples).toFixed(1)} ms, p90 ${percentile(samples, 90).toFixed(1)} ms`;
    process.stdout.write(`${what}: ${summary}\n`);
    appendFileSync(
      RESULTS,
      `| ${date} | ${machine} | ${what} | ${samples.length} | ${median(samples).toFixed(1)} ms | ${percentile(samples, 90).toFixed(1)} ms | ${Math.min(...samples).toFixed(1)}-${Math.max(...samples).toFixed(1)} ms | ${samples.map((ms) => ms.toFixed(1)).join(', ')} |\n`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
