/**
 * Which compositor layers a typist's page has while typing, and Chromium's reasons for each
 * (DevTools' LayerTree domain), on Plenary's plan page and the reference page of
 * bench/typingCompare.ts. Each layer the page has costs every keystroke's frame: Chromium
 * redoes its layerization for the moving caret, checking every paint chunk against them.
 *
 *   node --import tsx bench/layerReasons.ts
 *
 * CSS=<rules> adds a style sheet to Plenary's page first, to try what removes a layer.
 * WATCHER=1 looks at the other person's page instead: not typed into, its pointer on the
 * text, while a second page types (the remote caret moves with each key).
 * Needs the built web app and server, as typingCompare.ts.
 */
import type { Browser, Page } from '@playwright/test';
import { withDemoPlanPages } from './support/demoPlanPages.ts';
import { caretAtEnd, END_MARKER, type PreparedPlan } from './support/typingVariants.ts';

interface LayerRow {
  node: string;
  size: string;
  reasons: string;
}

/**
 * The page's layers after one more key (typed by `typist`), each with the element it
 * belongs to and why.
 */
async function layersWhileTyping(page: Page, typist: Page): Promise<LayerRow[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument', { depth: -1 });
  const changed = new Promise<
    {
      layerId: string;
      backendNodeId?: number;
      width: number;
      height: number;
      drawsContent: boolean;
    }[]
  >((resolve) => {
    cdp.on('LayerTree.layerTreeDidChange', ({ layers }) => {
      if (layers) resolve(layers);
    });
  });
  await cdp.send('LayerTree.enable');
  await typist.keyboard.type('.');
  const layers = await changed;
  const rows: LayerRow[] = [];
  for (const layer of layers) {
    let node = '(no element)';
    if (layer.backendNodeId) {
      const described = await cdp
        .send('DOM.describeNode', { backendNodeId: layer.backendNodeId })
        .catch(() => null);
      if (described) {
        const attributes = described.node.attributes ?? [];
        const classIndex = attributes.indexOf('class');
        const className = classIndex >= 0 ? `.${attributes[classIndex + 1]?.split(' ')[0]}` : '';
        node = `${described.node.nodeName.toLowerCase()}${className}`;
      }
    }
    const { compositingReasonIds } = await cdp
      .send('LayerTree.compositingReasons', { layerId: layer.layerId })
      .catch(() => ({ compositingReasonIds: ['?'] }));
    rows.push({
      node,
      size: `${Math.round(layer.width)}x${Math.round(layer.height)}${layer.drawsContent ? '' : ' (draws nothing)'}`,
      reasons: (compositingReasonIds ?? []).join(', '),
    });
  }
  await cdp.detach();
  return rows;
}

async function typistPage(browser: Browser, plan: PreparedPlan, css: string) {
  const context = await browser.newContext();
  const page = await plan.open(context, 'Typist');
  if (css) await page.addStyleTag({ content: css });
  await caretAtEnd(plan.editor(page, 1));
  await page.keyboard.type(' abc', { delay: 30 });
  return page;
}

/** The page looked at: the typist's own, or (WATCHER=1) a second person's, as the benches place it. */
async function pageToWatch(browser: Browser, plan: PreparedPlan, css: string, typist: Page) {
  if (process.env.WATCHER !== '1') return typist;
  const page = await plan.open(await browser.newContext(), 'Watcher');
  if (css) await page.addStyleTag({ content: css });
  const text = plan.editor(page, 1).getByText(END_MARKER);
  await text.waitFor();
  await text.hover();
  await typist.keyboard.type(' def', { delay: 30 });
  return page;
}

await withDemoPlanPages(async (plans, browser) => {
  const runs = plans.map(({ label, plan }) => ({ label: label as string, plan, css: '' }));
  const plenary = plans.find(({ label }) => label === 'Plenary');
  if (process.env.CSS && plenary)
    runs.push({ label: 'Plenary with CSS', plan: plenary.plan, css: process.env.CSS });
  for (const { label, plan, css } of runs) {
    const typist = await typistPage(browser, plan, css);
    const page = await pageToWatch(browser, plan, css, typist);
    const rows = await layersWhileTyping(page, typist);
    const elements = await page.evaluate(() => document.querySelectorAll('*').length);
    console.log(`\n${label}: ${rows.length} layers, ${elements} elements`);
    for (const row of rows)
      console.log(`  ${row.node.padEnd(40)} ${row.size.padEnd(28)} ${row.reasons}`);
    await page.context().close();
    if (page !== typist) await typist.context().close();
  }
});
