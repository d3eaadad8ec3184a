/**
 * What the other person's page (the watcher) spends to show one remote keystroke, timed
 * inside the pages without a profiler (a sampling profile of a few dozen keys blamed
 * ProseMirror's text write for a cost it did not have, 2026-12-08), beside the reference of
 * bench/typingCompare.ts:
 *
 * - ProseMirror's writes of text into the DOM (the `nodeValue` setter, wrapped), per key;
 * - the socket message handler that applies the update, its end to the next animation frame
 *   (the frame's layout and hover hit test come before the frame's callbacks), and that
 *   callback to a message posted from it (the rest of the frame: paint, layerize, commit);
 * - with TRACE=1, the last round traced: the watcher's and the typist's main-thread time per
 *   key in the frame's phases (Chromium's trace events of those names).
 *
 * Each Plenary page can have a tweak applied to its watcher (TWEAKS below, by name:
 * VARIANTS=asis,nocarets): a what-if, e.g. the other person's caret hidden, to say what a
 * part of the page costs per remote key. TWEAK_TYPIST=1 applies it to the typist too.
 *
 *   node --import tsx bench/watcherProbe.ts
 *
 * Needs the built web app and server, as typingCompare.ts. Rounds alternate the pages; the
 * first round warms up and is left out.
 */
import os from 'node:os';
import { type Browser, chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/browser.ts';
import { startPlenaryServer } from '../e2e/support/server.ts';
import { median } from './support/stats.ts';
import {
  caretAtEnd,
  END_MARKER,
  type PreparedPlan,
  plenaryVariant,
  referenceVariant,
} from './support/typingVariants.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 4);
/** Markers typed per round (6 keys each, 60 ms apart), as in typingCompare.ts. */
const MARKERS = 4;
const TYPING_DELAY_MS = 60;
const TRACE = process.env.TRACE === '1';
const TWEAK_TYPIST = process.env.TWEAK_TYPIST === '1';

/** A style sheet added to the page, as a page script. */
const styled = (css: string) =>
  `{ const s = document.createElement('style'); s.textContent = ${JSON.stringify(css)}; document.head.append(s); }`;

/** What-ifs applied to a Plenary page before each round (idempotent). */
const TWEAKS: Record<string, string> = {
  asis: '',
  /** The other person's caret and name label not drawn. */
  nocarets: styled('.collaboration-carets__caret{display:none!important}'),
  /** The caret's bar drawn, its name label not. */
  labelnone: styled('.collaboration-carets__label{display:none!important}'),
  /** The caret not positioned (its label then hangs from an ancestor, off the caret). */
  caretstatic: styled('.collaboration-carets__caret{position:static!important}'),
  /** The caret without bar or label: an empty inline at the caret. */
  caretbare: styled(
    '.collaboration-carets__caret{position:static!important;border:none!important;margin:0!important} .collaboration-carets__label{display:none!important}',
  ),
  /** No bar; the label positioned from an ancestor, so it does not move with the caret. */
  staticnoborder: styled(
    '.collaboration-carets__caret{position:static!important;border:none!important;margin:0!important}',
  ),
  /** List items and table cells not positioned (ProseMirror's and Plenary's style sheets). */
  fewlayers: styled('.ProseMirror li, .ProseMirror td, .ProseMirror th{position:static!important}'),
  /** As fewlayers, and the contents' markers not transformed (each its own transform node). */
  lean: styled(
    '.ProseMirror li, .ProseMirror td, .ProseMirror th{position:static!important} .toc__marker{transform:none!important}',
  ),
  /** The sidebar and toolbar not scrolling on their own (no composited scroller). */
  noscrollers: styled(
    '.plan-sidebar, .toolbar{overflow:visible!important;max-height:none!important} .plan-sidebar{position:static!important}',
  ),
  /** The sidebar kept in the layout but not drawn. */
  sidebarhidden: styled('.plan-sidebar{visibility:hidden!important}'),
  /** The sidebar's contents list kept in the layout but not drawn. */
  tochidden: styled('.toc{visibility:hidden!important}'),
  /** Visually hidden labels (positioned and clipped) not rendered at all. */
  novisuallyhidden: styled('.visually-hidden{display:none!important}'),
  nosidebar: styled('.plan-sidebar{display:none!important}'),
  notoolbar: styled('.toolbar-area{display:none!important}'),
  /** Header, toolbar and sidebar not sticky: nothing moving is painted after the caret. */
  nosticky: styled('.app-header,.toolbar-area,.plan-sidebar{position:static!important}'),
  noforms: styled('.section select, .section input{display:none!important}'),
};

/** The watcher's page script: wraps nodeValue and the socket's message handler. */
const PROBE = `(() => {
  const probe = { on: false, nodeValueMs: 0, writes: 0, handler: [], toFrame: [], frame: [] };
  window.benchProbe = probe;
  const nodeValue = Object.getOwnPropertyDescriptor(Node.prototype, 'nodeValue');
  Object.defineProperty(Node.prototype, 'nodeValue', {
    configurable: true,
    get: nodeValue.get,
    set(value) {
      const start = performance.now();
      nodeValue.set.call(this, value);
      probe.nodeValueMs += performance.now() - start;
      probe.writes++;
    },
  });
  const Native = window.WebSocket;
  class TimedSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      let handler = null;
      Object.defineProperty(this, 'onmessage', {
        get: () => handler,
        set: (given) => {
          handler = given;
          super.onmessage = given && ((event) => {
            // Document updates, not acknowledgements or presence pings.
            const update = event.data instanceof ArrayBuffer && event.data.byteLength > 20;
            const start = performance.now();
            const result = given.call(this, event);
            if (update && probe.on) {
              const end = performance.now();
              probe.handler.push(end - start);
              requestAnimationFrame(() => {
                const frameAt = performance.now();
                const channel = new MessageChannel();
                channel.port1.onmessage = () => {
                  probe.toFrame.push(frameAt - end);
                  probe.frame.push(performance.now() - frameAt);
                };
                channel.port2.postMessage(0);
              });
            }
            return result;
          });
        },
      });
    }
  }
  window.WebSocket = TimedSocket;
})();`;

interface Probe {
  on: boolean;
  nodeValueMs: number;
  writes: number;
  handler: number[];
  toFrame: number[];
  frame: number[];
}

declare global {
  interface Window {
    benchProbe?: Probe;
  }
}

/** The frame's phases as Chromium traces them, summed per main thread. */
const PHASES = [
  'FunctionCall',
  'LocalFrameView::layout',
  'EventHandler::handleMouseMoveEvent',
  'LocalFrameView::RunPrePaintLifecyclePhase',
  'LocalFrameView::RunPaintLifecyclePhase',
  'PaintArtifactCompositor::Update',
  'Commit',
];

interface TraceEvent {
  name: string;
  tid: number;
  ph: string;
  dur?: number;
  tdur?: number;
  args?: { data?: { type?: string } };
}

/** Per thread (typist: the one that took the keys; watcher: the one most updates reached). */
function phasesOf(json: string): {
  typist: Record<string, number>;
  watcher: Record<string, number>;
} {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const busiest = (pick: (event: TraceEvent) => boolean, except?: number) => {
    const counts = new Map<number, number>();
    for (const event of events)
      if (pick(event) && event.tid !== except)
        counts.set(event.tid, (counts.get(event.tid) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const typist = busiest((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const watcher = busiest((e) => e.name === 'WebSocketReceive', typist);
  const sums = (tid: number | undefined) => {
    const out: Record<string, number> = {};
    for (const event of events) {
      if (event.tid !== tid || event.ph !== 'X') continue;
      if (event.name === 'RunTask') out.cpu = (out.cpu ?? 0) + (event.tdur ?? 0) / 1000;
      if (PHASES.includes(event.name))
        out[event.name] = (out[event.name] ?? 0) + (event.dur ?? 0) / 1000;
    }
    return out;
  };
  return { typist: sums(typist), watcher: sums(watcher) };
}

interface Pair {
  label: string;
  tweak: string;
  typist: Page;
  watcher: Page;
}

async function openPair(label: string, tweak: string, plan: PreparedPlan, browser: Browser) {
  const contexts = [await browser.newContext(), await browser.newContext()] as const;
  await contexts[1].addInitScript(PROBE);
  const typist = await plan.open(contexts[0], 'Typist');
  const watcher = await plan.open(contexts[1], 'Watcher');
  const typed = plan.editor(typist, 1);
  const watched = plan.editor(watcher, 1);
  for (const editor of [typed, watched]) await editor.getByText(END_MARKER).waitFor();
  // As typingCompare.ts: the watcher's pointer rests on the text being typed.
  await watched.getByText(END_MARKER).hover();
  await caretAtEnd(typed);
  return { label, tweak, typist, watcher };
}

async function typeRound(pair: Pair, round: number, browser: Browser | null) {
  if (pair.tweak) {
    await pair.watcher.evaluate(pair.tweak);
    if (TWEAK_TYPIST) await pair.typist.evaluate(pair.tweak);
  }
  if (browser)
    await browser.startTracing(undefined, {
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'toplevel',
        'blink',
        'cc',
      ],
    });
  await pair.watcher.evaluate(() => {
    Object.assign(window.benchProbe ?? {}, {
      on: true,
      nodeValueMs: 0,
      writes: 0,
      handler: [],
      toFrame: [],
      frame: [],
    });
  });
  let keys = 0;
  for (let m = 0; m < MARKERS; m++) {
    const marker = ` r${round}m${m}q`;
    await pair.typist.keyboard.type(marker, { delay: TYPING_DELAY_MS });
    keys += marker.length;
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const phases = browser ? phasesOf((await browser.stopTracing()).toString('utf8')) : null;
  const probe = await pair.watcher.evaluate(() => {
    const probe = window.benchProbe as Probe;
    probe.on = false;
    return probe;
  });
  return { keys, phases, probe };
}

const fmt = (value: number) => value.toFixed(2);
const loadBefore = os.loadavg().map((load) => load.toFixed(2));
const plenary = await startPlenaryServer({ env: { LOG_LEVEL: 'warn' } });
const reference = await referenceVariant();
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const shape = { name: 'demo plan', typeIn: 1 };
  const names = (process.env.VARIANTS ?? 'asis').split(',');
  const plans: PreparedPlan[] = [];
  for (const _ of names) plans.push(await plenaryVariant('Plenary', plenary).prepare(shape, null));
  const referencePlan = await reference.variant.prepare(shape, plans[0]?.doc ?? null);
  const pairs = [await openPair('reference', '', referencePlan, browser)];
  for (const [i, name] of names.entries()) {
    const tweak = TWEAKS[name];
    if (tweak === undefined) throw new Error(`no tweak named ${name}`);
    pairs.push(await openPair(`Plenary ${name}`, tweak, plans[i] as PreparedPlan, browser));
  }
  const totals = pairs.map(() => ({
    keys: 0,
    nodeValueMs: 0,
    writes: 0,
    handler: [] as number[],
    toFrame: [] as number[],
    frame: [] as number[],
    traced: null as null | { keys: number; phases: ReturnType<typeof phasesOf> },
  }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, pair] of pairs.entries()) {
      const traced = TRACE && round === ROUNDS - 1;
      const { keys, phases, probe } = await typeRound(pair, round, traced ? browser : null);
      const total = totals[i];
      if (!total || round === 0) continue;
      total.keys += keys;
      total.nodeValueMs += probe.nodeValueMs;
      total.writes += probe.writes;
      total.handler.push(...probe.handler);
      total.toFrame.push(...probe.toFrame);
      total.frame.push(...probe.frame);
      if (phases) total.traced = { keys, phases };
    }
  }
  const loadAfter = os.loadavg().map((load) => load.toFixed(2));
  const lines = [
    `${new Date().toISOString().slice(0, 16)} UTC, load ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after; ${ROUNDS - 1} rounds of ${MARKERS} markers (first round left out), medians per remote update`,
    '',
    '| page | text writes ms/key | writes/key | handler | handler end to frame | frame callback to after frame | updates |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [i, pair] of pairs.entries()) {
    const t = totals[i];
    if (!t) continue;
    lines.push(
      `| ${pair.label} | ${fmt(t.nodeValueMs / t.keys)} | ${fmt(t.writes / t.keys)} | ${fmt(median(t.handler))} | ${fmt(median(t.toFrame))} | ${fmt(median(t.frame))} | ${t.handler.length} |`,
    );
  }
  if (TRACE) {
    const columns = ['cpu', ...PHASES];
    lines.push(
      '',
      `Last round traced, ms per key: watcher's main thread, then typist's (cpu: the thread's CPU time)`,
      '',
      `| page | ${columns.map((c) => `W ${c}`).join(' | ')} | ${columns.map((c) => `T ${c}`).join(' | ')} |`,
      `| --- |${' --- |'.repeat(columns.length * 2)}`,
    );
    for (const [i, pair] of pairs.entries()) {
      const traced = totals[i]?.traced;
      if (!traced) continue;
      const per = (sums: Record<string, number>) =>
        columns.map((c) => fmt((sums[c] ?? 0) / traced.keys)).join(' | ');
      lines.push(
        `| ${pair.label} | ${per(traced.phases.watcher)} | ${per(traced.phases.typist)} |`,
      );
    }
  }
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  await reference.close();
  await plenary.stop();
}
